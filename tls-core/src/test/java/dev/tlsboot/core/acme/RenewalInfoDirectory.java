package dev.tlsboot.core.acme;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.tlsboot.testing.Pebble;

/**
 * Pebble's directory with a {@code renewalInfo} resource added (RFC 9773), which Debian's Pebble lacks: served by
 * the test on plain HTTP, suggesting for each certificate a renewal window that opens {@code opensIn} after the
 * first question about it and lasts a second. Everything else stays Pebble's.
 */
final class RenewalInfoDirectory implements AutoCloseable {

	private final HttpServer server;

	private final Pebble pebble;

	private final Duration opensIn;

	private final AtomicInteger questions = new AtomicInteger();

	/** The window of each certificate, fixed at the first question, as a CA keeps it. */
	private final Map<String, Instant> windows = new ConcurrentHashMap<>();

	RenewalInfoDirectory(Pebble pebble, Duration opensIn) throws IOException {
		this.pebble = pebble;
		this.opensIn = opensIn;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
		this.server.createContext("/dir", this::directory);
		this.server.createContext("/renewal-info/", this::renewalInfo);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/dir";
	}

	/** How many times a client asked when to renew. */
	int questions() {
		return this.questions.get();
	}

	private void directory(HttpExchange exchange) throws IOException {
		try {
			HttpClient client = HttpClient.newBuilder().sslContext(this.pebble.clientContext().sslContext()).build();
			String directory = client.send(HttpRequest.newBuilder(URI.create(this.pebble.directoryUrl())).build(),
					HttpResponse.BodyHandlers.ofString()).body();
			String renewalInfo = "http://127.0.0.1:" + this.server.getAddress().getPort() + "/renewal-info";
			respond(exchange, directory.replaceFirst("\\{", "{\"renewalInfo\": \"" + renewalInfo + "\","));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			exchange.sendResponseHeaders(503, -1);
		}
	}

	private void renewalInfo(HttpExchange exchange) throws IOException {
		this.questions.incrementAndGet();
		Instant start = this.windows.computeIfAbsent(exchange.getRequestURI().getPath(),
				(certificate) -> Instant.now().plus(this.opensIn));
		respond(exchange, "{\"suggestedWindow\": {\"start\": \"" + start + "\", \"end\": \"" + start.plusSeconds(1)
				+ "\"}}");
	}

	private static void respond(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("Retry-After", "60");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
