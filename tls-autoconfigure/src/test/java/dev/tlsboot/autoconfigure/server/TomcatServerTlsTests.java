package dev.tlsboot.autoconfigure.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.option.TlsRole;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS Boot's server TLS on Tomcat: the handshake timeout as Tomcat's connection timeout, Tomcat's log, and curl with
 * a client certificate against it.
 */
@ExtendWith(OutputCaptureExtension.class)
class TomcatServerTlsTests extends AbstractServerTlsTests {

	TomcatServerTlsTests() {
		super(TestApplications.TOMCAT);
	}

	@Test
	void handshakeTimeoutBoundsTomcatsConnectionsAndKeepAliveStaysTomcats() {
		AbstractHttp11Protocol<?> protocol = protocol(this.mtls);
		assertThat(protocol.getConnectionTimeout()).isEqualTo(10_000);
		assertThat(protocol.getKeepAliveTimeout()).isEqualTo(60_000);
	}

	@Test
	void connectionTimeoutSetForTomcatBoundsTheHandshakeInstead() {
		try (ConfigurableApplicationContext application = TestApplications.TOMCAT.run(this.peers.properties(
				"tls.server.request=true", "tls.handshake-timeout=1s", "server.tomcat.connection-timeout=7s"))) {
			assertThat(protocol(application).getConnectionTimeout()).isEqualTo(7_000);
		}
	}

	@Test
	void connectionTimeoutSetToTomcatsDefaultStillBoundsTheHandshake() {
		// Tomcat's default cannot be told from an unset one on the connector: the property itself counts
		try (ConfigurableApplicationContext application = TestApplications.TOMCAT.run(this.peers.properties(
				"tls.server.request=true", "tls.handshake-timeout=1s", "server.tomcat.connection-timeout=60s"))) {
			assertThat(protocol(application).getConnectionTimeout()).isEqualTo(60_000);
		}
	}

	@Test
	void logsNoKeystoreForTheCertificateOfTheContext(CapturedOutput output) {
		try (ConfigurableApplicationContext application = TestApplications.TOMCAT
			.run(this.peers.properties("tls.server.request=true"))) {
			assertThat(output).doesNotContain("certificate type [UNDEFINED]")
				.doesNotContain(".keystore")
				.contains("Tomcat serves TLS context 'default'");
		}
	}

	@Test
	void curlWithClientCertificateIsServed() throws Exception {
		assertThat(curl("--cert", this.peers.file("client.crt").toString(), "--key",
				this.peers.file("client.key").toString()))
			.isEqualTo("CN=client");
	}

	@Test
	void curlWithoutClientCertificateIsRefused() throws Exception {
		assertThat(curl()).doesNotContain("CN=");
	}

	@Test
	void registryListsTheAddressesOfTomcatsConnections() throws IOException {
		InetSocketAddress client = this.peers.getOnSocket(mtlsPort());
		// Tomcat makes its engines with no peer: only the request on the connection tells the entry its addresses
		List<TrackedConnection> entries = this.mtls.getBean(ConnectionRegistry.class)
			.connections((entry) -> entry.role() == TlsRole.SERVER && client.equals(entry.remoteAddress()));
		assertThat(entries).singleElement().satisfies((entry) -> {
			assertThat(entry.localAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
			assertThat(entry.localAddress().getPort()).isEqualTo(mtlsPort());
			assertThat(entry.remoteAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
			assertThat(entry.remoteAddress().getPort()).isEqualTo(client.getPort());
		});
	}

	private static AbstractHttp11Protocol<?> protocol(ConfigurableApplicationContext application) {
		TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) application).getWebServer();
		return (AbstractHttp11Protocol<?>) server.getTomcat().getConnector().getProtocolHandler();
	}

	/** {@code curl https://localhost:PORT/} trusting the test CA, localhost pinned to 127.0.0.1; what it printed. */
	private String curl(String... options) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "--cacert",
				this.peers.file("ca.crt").toString(), "--resolve", "localhost:" + mtlsPort() + ":127.0.0.1"));
		command.addAll(List.of(options));
		command.add("https://localhost:" + mtlsPort() + "/");
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			Assumptions.abort("curl is not on the PATH: interop test skipped (apt-get install curl)");
			throw ex;
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("curl finished").isTrue();
		return output;
	}

}
