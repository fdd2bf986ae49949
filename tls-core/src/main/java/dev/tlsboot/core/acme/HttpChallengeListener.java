package dev.tlsboot.core.acme;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.option.TlsConfigurationException;

/**
 * The plain HTTP listener of the http-01 challenge (RFC 8555 8.3), for the application's life: answers
 * {@code GET /.well-known/acme-challenge/<token>} with the key authorization while a challenge is pending (looked up
 * by token, so an answer another instance's order published in shared storage is found too, and cached for a
 * second), and redirects every
 * other request to the same host and path on the HTTPS port, as a port 80 in front of an HTTPS service should.
 * <p>
 * Bounded, as it faces the internet: at most {@code connections} are served at once (one thread each; more are
 * closed as they are accepted), and each has {@code deadline} from accept to answer, after which it is closed, so a
 * client that sends nothing holds its thread no longer than that.
 */
final class HttpChallengeListener implements AutoCloseable {

	static final String PREFIX = "/.well-known/acme-challenge/";

	/**
	 * How long a lookup is kept: a CA asks for a token a few times in a row (Pebble three), and a flood of requests
	 * for made-up tokens reads no file more than once a second.
	 */
	private static final Duration CACHED = Duration.ofSeconds(1);

	/** Lookups kept at most, so that made-up tokens do not fill the memory. */
	private static final int CACHE_SIZE = 256;

	/** Longer than any request line and headers a CA or a browser sends. */
	private static final int MAX_HEAD = 8192;

	private final ServerSocket socket;

	private final Function<String, Optional<String>> authorizations;

	private final Map<String, Lookup> cache = new ConcurrentHashMap<>();

	private final IntSupplier httpsPort;

	private final Duration deadline;

	private final Semaphore slots;

	private final ExecutorService workers;

	private final ScheduledExecutorService deadlines;

	/**
	 * @param address the address to bind, or {@code null} for every address
	 * @param port the port, {@code 0} for any free one
	 * @param authorizations the key authorization of a token, empty when no challenge is pending for it
	 * @param httpsPort the port other requests are redirected to
	 * @param deadline how long a connection may take from accept to answer
	 * @param connections how many connections are served at once
	 */
	HttpChallengeListener(@Nullable String address, int port, Function<String, Optional<String>> authorizations,
			IntSupplier httpsPort, Duration deadline, int connections) {
		try {
			this.socket = new ServerSocket(port, 50, (address != null) ? InetAddress.getByName(address) : null);
		}
		catch (IOException ex) {
			throw new TlsConfigurationException("acme.http-port", null,
					"cannot listen for ACME http-01 challenges on port " + port
							+ ((address != null) ? " of " + address : "") + ": " + ex.getMessage() + ".",
					"Free the port, or set 'http-port' to one this application may listen on (and the CA reaches as "
							+ "port 80).",
					ex);
		}
		this.authorizations = authorizations;
		this.httpsPort = httpsPort;
		this.deadline = deadline;
		this.slots = new Semaphore(connections);
		// No more threads than slots: the pool never queues nor refuses.
		this.workers = Executors.newFixedThreadPool(connections, daemon("tls-acme-http-" + port()));
		this.deadlines = Executors.newSingleThreadScheduledExecutor(daemon("tls-acme-http-deadline-" + port()));
		daemon("tls-acme-http-accept-" + port()).newThread(this::accept).start();
	}

	private static ThreadFactory daemon(String name) {
		return (task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	/** The port listened on. */
	int port() {
		return this.socket.getLocalPort();
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			Socket accepted;
			try {
				accepted = this.socket.accept();
			}
			catch (IOException ex) {
				continue; // closed, or a connection reset before it was accepted
			}
			if (!this.slots.tryAcquire()) {
				closeQuietly(accepted);
				continue;
			}
			ScheduledFuture<?> expiry = this.deadlines.schedule(() -> closeQuietly(accepted),
					this.deadline.toMillis(), TimeUnit.MILLISECONDS);
			this.workers.execute(() -> {
				try {
					serve(accepted);
				}
				finally {
					expiry.cancel(false);
					closeQuietly(accepted);
					this.slots.release();
				}
			});
		}
	}

	private void serve(Socket connection) {
		try {
			connection.setSoTimeout((int) this.deadline.toMillis());
			String[] head = readHead(connection.getInputStream());
			if (head == null) {
				return;
			}
			String[] requestLine = head[0].split(" ");
			if (requestLine.length != 3) {
				respond(connection, "400 Bad Request", null, null, true);
				return;
			}
			// a HEAD answer has the GET answer's head, Content-Length included, but no body (RFC 9110, 9.3.2)
			boolean withBody = !requestLine[0].equals("HEAD");
			String target = requestLine[1];
			String path = target.split("\\?", 2)[0];
			if (path.startsWith(PREFIX)) {
				Optional<String> authorization = authorization(path.substring(PREFIX.length()));
				respond(connection, authorization.isPresent() ? "200 OK" : "404 Not Found", null,
						authorization.orElse(null), withBody);
			}
			else {
				respond(connection, "301 Moved Permanently", httpsLocation(host(head, connection), target), null,
						withBody);
			}
		}
		catch (IOException ex) {
			// the client went away or ran out of time: nothing to answer
		}
	}

	private Optional<String> authorization(String token) {
		long now = System.nanoTime();
		Lookup cached = this.cache.get(token);
		if (cached != null && now - cached.at() < CACHED.toNanos()) {
			return cached.authorization();
		}
		Optional<String> authorization = this.authorizations.apply(token);
		if (this.cache.size() >= CACHE_SIZE) {
			this.cache.clear();
		}
		this.cache.put(token, new Lookup(authorization, now));
		return authorization;
	}

	/** The request line and headers, or {@code null} when the client closed first or sent too much. */
	private static String @Nullable [] readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int last = 0;
		while (head.size() < MAX_HEAD) {
			int read = in.read();
			if (read < 0) {
				return null;
			}
			head.write(read);
			last = (last << 8) | read;
			// CR LF CR LF ends the head; a bare LF LF too, as lenient servers accept
			if (last == 0x0D0A0D0A || (last & 0xFFFF) == 0x0A0A) {
				return head.toString(StandardCharsets.ISO_8859_1).split("\r?\n");
			}
		}
		return null;
	}

	private static String host(String[] head, Socket connection) {
		for (int i = 1; i < head.length; i++) {
			int colon = head[i].indexOf(':');
			if (colon > 0 && head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("host")) {
				return head[i].substring(colon + 1).trim();
			}
		}
		return connection.getLocalAddress().getHostAddress();
	}

	/** The same host (without the http port) and target on the HTTPS port, left out when it is 443. */
	private String httpsLocation(String host, String target) {
		String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":", 2)[0];
		int port = this.httpsPort.getAsInt();
		return "https://" + name + ((port == 443) ? "" : ":" + port) + (target.startsWith("/") ? target : "/");
	}

	private static void respond(Socket connection, String status, @Nullable String location, @Nullable String body,
			boolean withBody) throws IOException {
		byte[] content = (body != null) ? body.getBytes(StandardCharsets.US_ASCII) : new byte[0];
		StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
		if (location != null) {
			head.append("Location: ").append(location).append("\r\n");
		}
		head.append("Content-Type: application/octet-stream\r\nContent-Length: ").append(content.length)
			.append("\r\nConnection: close\r\n\r\n");
		OutputStream out = connection.getOutputStream();
		out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		if (withBody) {
			out.write(content);
		}
		out.flush();
	}

	/** A token's key authorization as looked up at {@code at} ({@link System#nanoTime()}). */
	private record Lookup(Optional<String> authorization, long at) {
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		this.workers.shutdownNow();
		this.deadlines.shutdownNow();
	}

}
