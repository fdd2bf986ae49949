package dev.tlsboot.autoconfigure.server;

import java.net.http.HttpClient;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * TLS Boot next to Spring Boot's own {@code server.ssl}: the bridged bundle serves through Boot's path, and both
 * configuring the server at once stops startup with the analyzer's report.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerSslTests {

	private static final TestPeers peers = new TestPeers();

	@AfterAll
	static void deleteCertificates() {
		peers.close();
	}

	@Test
	void bridgedBundleServesThroughSpringBootsServerSsl() throws Exception {
		try (ConfigurableApplicationContext application = TestApplications.TOMCAT
			.run(peers.properties("server.ssl.bundle=tls-default", "server.ssl.client-auth=need"))) {
			int port = TestApplications.port(application);
			assertThat(peers.get(port, true, HttpClient.Version.HTTP_1_1).body()).isEqualTo("CN=client");
			assertThat(peers.handshake(port, null).subject()).isEqualTo("CN=localhost");
		}
	}

	@Test
	void tlsServerWithServerSslStopsStartup(CapturedOutput output) {
		assertThatException().isThrownBy(() -> TestApplications.TOMCAT
			.run(peers.properties("tls.server.require=true", "server.ssl.bundle=tls-default")));
		assertThat(output).contains("Property: tls.server.require")
			.contains("'server.ssl.bundle' is set as well, and only one of 'tls.server.*' and Spring Boot's "
					+ "'server.ssl.*' can configure the web server's TLS.")
			.contains("Remove 'server.ssl.*' to let TLS Boot configure the server");
	}

}
