package dev.tlsboot.core;

import java.util.Set;

import javax.net.ssl.SSLServerSocket;

import org.junit.jupiter.api.Test;

import dev.tlsboot.testing.Forwarding;

import static org.assertj.core.api.Assertions.assertThat;

/** Server sockets that wrap the provider's answer every call from it (a new JDK method fails here until forwarded). */
class ForwardingSslServerSocketTests {

	@Test
	void forwardsEveryMethod() {
		assertThat(Forwarding.unforwarded(SSLServerSocket.class, ForwardingSslServerSocket.class, Set.of())).isEmpty();
	}

}
