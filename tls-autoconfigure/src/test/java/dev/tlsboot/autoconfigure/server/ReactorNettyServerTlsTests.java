package dev.tlsboot.autoconfigure.server;

/**
 * TLS Boot's server TLS on Reactor Netty (OpenSSL when netty-tcnative loads here, else the JDK).
 */
class ReactorNettyServerTlsTests extends AbstractServerTlsTests {

	ReactorNettyServerTlsTests() {
		super(TestApplications.REACTOR_NETTY);
	}

}
