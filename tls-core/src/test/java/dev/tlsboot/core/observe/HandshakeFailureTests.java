package dev.tlsboot.core.observe;

import java.io.IOException;

import io.netty.handler.ssl.SslHandshakeTimeoutException;
import org.junit.jupiter.api.Test;

import dev.tlsboot.core.observe.HandshakeFailure.Cause;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures {@link HandshakeFailure} knows without a real handshake. */
class HandshakeFailureTests {

	@Test
	void nettysHandshakeTimeoutIsATimeout() {
		HandshakeFailure failure = HandshakeFailure
			.explain(new SslHandshakeTimeoutException("handshake timed out after 10000ms"));
		assertThat(failure.cause()).isEqualTo(Cause.TIMEOUT);
		assertThat(failure.explanation()).contains("'handshake-timeout'");
	}

	@Test
	void nettysHandshakeTimeoutIsFoundAsACause() {
		IOException wrapped = new IOException("closed", new SslHandshakeTimeoutException("handshake timed out"));
		assertThat(HandshakeFailure.explain(wrapped).cause()).isEqualTo(Cause.TIMEOUT);
	}

}
