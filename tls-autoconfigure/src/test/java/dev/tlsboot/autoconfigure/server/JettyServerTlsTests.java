package dev.tlsboot.autoconfigure.server;

/**
 * TLS Boot's server TLS on Jetty, SNI included (which Spring Boot's own {@code server.ssl} refuses on Jetty).
 */
class JettyServerTlsTests extends AbstractServerTlsTests {

	JettyServerTlsTests() {
		super(TestApplications.JETTY);
	}

}
