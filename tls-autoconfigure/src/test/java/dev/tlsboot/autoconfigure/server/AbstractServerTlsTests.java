package dev.tlsboot.autoconfigure.server;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.context.ConfigurableApplicationContext;

import dev.tlsboot.actuate.ConnectionDescriptor;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.TlsConsumers;
import dev.tlsboot.core.option.TlsRole;
import dev.tlsboot.testing.OpenSslCli;
import dev.tlsboot.testing.SilentPeers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The same tests on every server, each against three running applications: one that requires client certificates,
 * speaks HTTP/2 and serves two more host names by SNI; one that only asks for client certificates; one whose server
 * context has a handshake timeout of a second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractServerTlsTests {

	private final TestApplications server;

	final TestPeers peers = new TestPeers();

	ConfigurableApplicationContext mtls;

	private ConfigurableApplicationContext requestOnly;

	private ConfigurableApplicationContext quickHandshake;

	AbstractServerTlsTests(TestApplications server) {
		this.server = server;
	}

	@BeforeAll
	void start() {
		String[] sni = TestPeers.sni();
		this.mtls = this.server.run(this.peers.properties("tls.server.require=true", "server.http2.enabled=true",
				sni[0], sni[1]));
		this.requestOnly = this.server.run(this.peers.properties("tls.server.request=true"));
		// Started with the others: closing an application on Reactor Netty disposes the event loops they share
		this.quickHandshake = this.server
			.run(this.peers.properties("tls.contexts.quick.handshake-timeout=1s", "tls.server.context=quick"));
	}

	@AfterAll
	void stop() {
		for (ConfigurableApplicationContext application : new ConfigurableApplicationContext[] { this.mtls,
				this.requestOnly, this.quickHandshake }) {
			if (application != null) {
				application.close();
			}
		}
		this.peers.close();
	}

	int mtlsPort() {
		return TestApplications.port(this.mtls);
	}

	@Test
	void clientWithCertificateIsServedAndSeen() throws Exception {
		HttpResponse<String> response = this.peers.get(mtlsPort(), true, HttpClient.Version.HTTP_1_1);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("CN=client");
	}

	@Test
	void connectionsAreTheHttpServers() throws Exception {
		assertThat(this.peers.get(mtlsPort(), true, HttpClient.Version.HTTP_1_1).statusCode()).isEqualTo(200);
		assertThat(this.mtls.getBean(ConnectionRegistry.class).connections(null, null, TlsRole.SERVER)).isNotEmpty()
			.allSatisfy((connection) -> {
				assertThat(connection.consumer()).isEqualTo(TlsConsumers.HTTP_SERVER);
				assertThat(ConnectionDescriptor.of(connection).consumer()).isEqualTo("http-server");
			});
	}

	@Test
	void clientWithoutCertificateIsRefusedWhenRequired() {
		assertThatException().isThrownBy(() -> this.peers.get(mtlsPort(), false, HttpClient.Version.HTTP_1_1))
			.isInstanceOf(IOException.class);
	}

	@Test
	void clientWithoutCertificateIsLetInWhenOnlyRequested() throws Exception {
		int port = TestApplications.port(this.requestOnly);
		HttpResponse<String> anonymous = this.peers.get(port, false, HttpClient.Version.HTTP_1_1);
		assertThat(anonymous.statusCode()).isEqualTo(200);
		assertThat(anonymous.body()).isEqualTo("none");
		assertThat(this.peers.get(port, true, HttpClient.Version.HTTP_1_1).body()).isEqualTo("CN=client");
	}

	@Test
	void sniPicksTheCertificateByHostName() throws Exception {
		assertThat(this.peers.handshake(mtlsPort(), TestPeers.API).subject()).isEqualTo("CN=" + TestPeers.API);
		assertThat(this.peers.handshake(mtlsPort(), "www.example.test").subject())
			.isEqualTo("CN=" + TestPeers.WILDCARD);
		assertThat(this.peers.handshake(mtlsPort(), null).subject()).isEqualTo("CN=localhost");
	}

	@Test
	void http2IsNegotiatedByAlpnWhenEnabled() throws Exception {
		HttpResponse<String> response = this.peers.get(mtlsPort(), true, HttpClient.Version.HTTP_2);
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(response.body()).isEqualTo("CN=client");
		assertThat(this.peers.handshake(mtlsPort(), TestPeers.API).alpn()).isEqualTo("h2");
	}

	@Test
	void http11IsNegotiatedWhenHttp2IsOff() throws Exception {
		assertThat(this.peers.handshake(TestApplications.port(this.requestOnly), null).alpn()).isEqualTo("http/1.1");
	}

	@Test
	void closesSilentClientsWithinTheServerContextsHandshakeTimeout() throws Exception {
		SilentPeers.assertEndedBy(Duration.ofSeconds(1),
				SilentPeers.timeToClose(TestApplications.port(this.quickHandshake), 5));
	}

	@Test
	void opensslSeesAlpnAndTheCertificateOfTheNameItAsksFor() {
		OpenSslCli.assumeAvailable();
		OpenSslCli.Result result = OpenSslCli.opensslWithInput("", "s_client", "-connect", "127.0.0.1:" + mtlsPort(),
				"-servername", TestPeers.API, "-alpn", "h2", "-CAfile", this.peers.file("ca.crt").toString(), "-cert",
				this.peers.file("client.crt").toString(), "-key", this.peers.file("client.key").toString(),
				"-verify_return_error");
		assertThat(result.output()).contains("ALPN protocol: h2");
		assertThat(result.output().replace(" ", "")).contains("subject=CN=" + TestPeers.API)
			.contains("Verifyreturncode:0(ok)");
	}

}
