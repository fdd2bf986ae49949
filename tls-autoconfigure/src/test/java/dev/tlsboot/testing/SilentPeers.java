package dev.tlsboot.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Peers that never say a word, for what bounds a TLS handshake: a server that takes TCP connections and never
 * answers. Every wait has a deadline, so a consumer that would wait for good fails the test instead of stalling it.
 */
public final class SilentPeers {

	/** How long a test waits at most for what should end after a second or so. */
	public static final Duration DEADLINE = Duration.ofSeconds(10);

	/** How much later than its timeout a failure may come. */
	public static final Duration MARGIN = Duration.ofSeconds(3);

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
	 * Assert that a silent peer was given up on because of {@code timeout}: not before it, nor much later.
	 * @param timeout the timeout that should have ended the wait
	 * @param elapsed what {@link #timeToFail} measured
	 */
	public static void assertEndedBy(Duration timeout, Duration elapsed) {
		// Slack below for timers that do not keep to this clock
		assertThat(elapsed).isBetween(timeout.minus(timeout.dividedBy(10)), timeout.plus(MARGIN));
	}

}
