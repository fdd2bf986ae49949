package dev.tlsboot.core.acme;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * The plain HTTP listener of the http-01 challenge (RFC 8555 8.3): answers
 * {@code /.well-known/acme-challenge/<token>} with the key authorization while a challenge is pending, and
 * redirects every other request to HTTPS, as a port 80 in front of an HTTPS service should.
 */
final class HttpChallengeListener implements AutoCloseable {

	private static final String PREFIX = "/.well-known/acme-challenge/";

	private final Map<String, String> authorizations = new ConcurrentHashMap<>();

	private final HttpServer server;

	HttpChallengeListener(@Nullable String address, int port) {
		try {
			InetSocketAddress bound = (address != null) ? new InetSocketAddress(address, port)
					: new InetSocketAddress(port);
			this.server = HttpServer.create(bound, 16);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen for ACME http-01 challenges on port " + port
					+ ((address != null) ? " of " + address : ""), ex);
		}
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** The port listened on. */
	int port() {
		return this.server.getAddress().getPort();
	}

	void publish(String token, String authorization) {
		this.authorizations.put(token, authorization);
	}

	void withdraw(String token) {
		this.authorizations.remove(token);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getRawPath();
			String authorization = path.startsWith(PREFIX) ? this.authorizations.get(path.substring(PREFIX.length()))
					: null;
			if (authorization != null) {
				byte[] body = authorization.getBytes(StandardCharsets.US_ASCII);
				exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
			else if (path.startsWith(PREFIX)) {
				exchange.sendResponseHeaders(404, -1);
			}
			else {
				exchange.getResponseHeaders().set("Location", httpsLocation(exchange));
				exchange.sendResponseHeaders(301, -1);
			}
		}
	}

	private static String httpsLocation(HttpExchange exchange) {
		String host = exchange.getRequestHeaders().getFirst("Host");
		if (host == null) {
			host = exchange.getLocalAddress().getHostString();
		}
		// The HTTPS port is the default one, as for a redirect from port 80; a port in Host is the http port's.
		String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":", 2)[0];
		URI uri = exchange.getRequestURI();
		return "https://" + name + uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
