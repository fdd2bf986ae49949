package dev.tlsboot.core.observe;

import java.util.Set;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import dev.tlsboot.testing.Forwarding;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observed sockets and engines answer every call from the JDK's own: no method is left to the wrapper's empty
 * state (a new JDK method fails here until it is forwarded).
 */
class ForwardingTests {

	@Test
	void socketForwardsEveryMethod() {
		assertThat(Forwarding.unforwarded(SSLSocket.class, ForwardingSslSocket.class, Set.of())).isEmpty();
	}

	@Test
	void engineForwardsEveryMethodButThoseThatCallTheForwardedOnes() {
		// SSLEngine's other wrap and unwrap forms call the abstract ones, and the peer is given to the constructor.
		assertThat(Forwarding.unforwarded(SSLEngine.class, ForwardingSslEngine.class,
				Set.of("wrap(ByteBuffer, ByteBuffer)", "wrap(ByteBuffer[], ByteBuffer)", "unwrap(ByteBuffer, ByteBuffer)",
						"unwrap(ByteBuffer, ByteBuffer[])", "getPeerHost()", "getPeerPort()")))
			.isEmpty();
	}

}
