package dev.tlsboot.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Peers that never say a word, for what bounds a TLS handshake: a server that takes TCP connections and never
 * answers, and clients that connect and never send a ClientHello. Every wait has a deadline, so a consumer that would
 * wait for good fails the test instead of stalling it.
 */
public final class SilentPeers {

	/** How long a test waits at most for what should end after a second or so. */
	public static final Duration DEADLINE = Duration.ofSeconds(10);

	/**
	 * How much later than its timeout a failure or a close may come: Tomcat checks its timeouts every second, and the
	 * first Reactor Netty client in a JVM starts its event loops and builds its TLS first (2.1 s for a 1 s timeout).
	 */
	public static final Duration MARGIN = Duration.ofSeconds(4);

	private SilentPeers() {
	}

	/**
	 * A TCP server on 127.0.0.1 that never answers: it never accepts, and the kernel completes each connection into
	 * its backlog. Closing it resets those connections, which frees a client still waiting on one.
	 * @return the listening socket
	 */
	public static ServerSocket server() throws IOException {
		return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
	}

	/**
	 * How long {@code call} took to fail; the test fails if it has not failed within {@link #DEADLINE}.
	 * @param call a call to a silent peer
	 * @return the time from the call to its failure
	 */
	public static Duration timeToFail(ThrowingCallable call) {
		long start = System.nanoTime();
		Throwable failure = assertTimeoutPreemptively(DEADLINE, () -> catchThrowable(call),
				"still waiting for a silent peer");
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(failure).as("the call to a silent peer failed").isNotNull();
		return elapsed;
	}

	/**
	 * Connect {@code clients} TCP clients to 127.0.0.1:{@code port} that never send a byte, and wait until the
	 * server has closed every one; the test fails if one is still open after {@link #DEADLINE}.
	 * @param port the server's port
	 * @param clients how many silent clients to connect
	 * @return the time from the first connection to the last close
	 */
	public static Duration timeToClose(int port, int clients) throws IOException {
		long start = System.nanoTime();
		List<Socket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < clients; i++) {
				sockets.add(new Socket(InetAddress.getLoopbackAddress(), port));
			}
			for (Socket socket : sockets) {
				awaitClose(socket, DEADLINE.minusNanos(System.nanoTime() - start));
			}
			return Duration.ofNanos(System.nanoTime() - start);
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
	}

	/**
	 * Assert that a silent peer was given up on because of {@code timeout}: not before it, nor much later.
	 * @param timeout the timeout that should have ended the wait
	 * @param elapsed what {@link #timeToFail} or {@link #timeToClose} measured
	 */
	public static void assertEndedBy(Duration timeout, Duration elapsed) {
		// Slack below for timers that do not keep to this clock (Tomcat's go by the wall clock)
		assertThat(elapsed).isBetween(timeout.minus(timeout.dividedBy(10)), timeout.plus(MARGIN));
	}

	/** Read until the server closes (an end of stream, or a reset), whatever it sends first (an alert). */
	private static void awaitClose(Socket socket, Duration left) throws IOException {
		socket.setSoTimeout((int) Math.max(1, left.toMillis()));
		try (InputStream input = socket.getInputStream()) {
			while (input.read() != -1) {
				// an alert before the close
			}
		}
		catch (SocketTimeoutException ex) {
			fail("the server still holds a silent client's connection after " + DEADLINE);
		}
		catch (SocketException ex) {
			// reset by the server: closed as well
		}
	}

}
