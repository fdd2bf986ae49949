package dev.tlsboot.core.revocation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Plain HTTP for OCSP and CRLs, with the context's own timeout: the JDK's revocation fetches use JVM-wide system
 * properties instead. Each fetch runs on a daemon thread and is cut off as a whole a moment after the handshake
 * stopped waiting for it, however the server drips its answer, so a silent or slow responder never holds a thread
 * for long. {@code HttpURLConnection} rather than the JDK's HttpClient: the latter's own threads did not deliver
 * answers from loopback servers to a handshaking thread on JDK 25 in the tests, and a request-response over HTTP/1.1
 * needs nothing more.
 */
final class HttpFetch {

	/** The answer of a server: its status and body. */
	record Response(int statusCode, byte[] body) {
	}

	private static final ScheduledExecutorService deadlines = Executors.newScheduledThreadPool(1, (task) -> {
		Thread thread = new Thread(task, "tls-revocation-deadline");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * How much longer than a handshake waits a fetch may run: the handshake gives up at the timeout and says so
	 * ("no answer within ..."); a fetch cut off at the very same instant raced it, and under load reported "Socket
	 * closed" instead. A fetch that goes on serves the next handshake.
	 */
	private static final Duration GRACE = Duration.ofSeconds(1);

	private final Duration timeout;

	/** @param timeout how long a handshake waits for a fetch; the fetch itself is cut off {@link #GRACE} later */
	HttpFetch(Duration timeout) {
		this.timeout = timeout.plus(GRACE);
	}

	/** POST {@code body}, e.g. an OCSP request ({@code application/ocsp-request}). */
	CompletableFuture<Response> post(URI uri, String contentType, byte[] body) {
		return send(uri, contentType, body);
	}

	/** GET, e.g. a CRL. */
	CompletableFuture<Response> get(URI uri) {
		return send(uri, null, null);
	}

	private CompletableFuture<Response> send(URI uri, @Nullable String contentType, byte @Nullable [] body) {
		return CompletableFuture.supplyAsync(() -> exchange(uri, contentType, body), this::runOnItsOwnThread);
	}

	/** A thread per fetch: fetches are rare (cached until nextUpdate) and each is bounded by the timeout. */
	private void runOnItsOwnThread(Runnable fetch) {
		Thread thread = new Thread(fetch, "tls-revocation-fetch");
		thread.setDaemon(true);
		thread.start();
	}

	private Response exchange(URI uri, @Nullable String contentType, byte @Nullable [] body) {
		HttpURLConnection connection = null;
		ScheduledFuture<?> deadline = null;
		try {
			connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
			HttpURLConnection cut = connection;
			deadline = deadlines.schedule(cut::disconnect, this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			int millis = (int) Math.min(Integer.MAX_VALUE, this.timeout.toMillis());
			connection.setConnectTimeout(millis);
			connection.setReadTimeout(millis);
			connection.setUseCaches(false);
			if (body != null) {
				connection.setRequestMethod("POST");
				connection.setDoOutput(true);
				connection.setRequestProperty("Content-Type", contentType);
				connection.setFixedLengthStreamingMode(body.length);
				try (OutputStream out = connection.getOutputStream()) {
					out.write(body);
				}
			}
			int status = connection.getResponseCode();
			try (InputStream in = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
				return new Response(status, (in != null) ? in.readAllBytes() : new byte[0]);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			if (deadline != null) {
				deadline.cancel(false);
			}
			if (connection != null) {
				connection.disconnect();
			}
		}
	}

}
