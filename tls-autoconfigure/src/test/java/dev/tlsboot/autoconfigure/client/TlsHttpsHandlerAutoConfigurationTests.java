package dev.tlsboot.autoconfigure.client;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsSslBundleAutoConfiguration;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.test.TestCertificates;
import dev.tlsboot.testing.SilentPeers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The https handler makes a plain {@code HttpsURLConnection} use the client context while the application context
 * lives, and leaves the JVM as it found it afterwards.
 */
class TlsHttpsHandlerAutoConfigurationTests {

	private static TestCertificates certs;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class,
				SslAutoConfiguration.class, TlsHttpClientAutoConfiguration.class,
				TlsHttpsHandlerAutoConfiguration.class))
		.withPropertyValues(certs.properties("tls", TestCertificates.Identity.CLIENT)
			.entrySet()
			.stream()
			.map(Map.Entry::toString)
			.toArray(String[]::new));

	@BeforeAll
	static void issueCertificates() {
		certs = TestCertificates.create();
	}

	@AfterAll
	static void deleteCertificates() {
		certs.close();
	}

	@Test
	void isOffByDefault() throws Exception {
		SSLContext before = SSLContext.getDefault();
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(HttpsHandler.class);
			assertThat(SSLContext.getDefault()).isSameAs(before);
		});
	}

	@Test
	void makesHttpsUrlConnectionUseTheClientContextUntilTheApplicationCloses() throws Exception {
		SSLContext defaultContext = SSLContext.getDefault();
		SSLSocketFactory defaultFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
		HostnameVerifier defaultVerifier = HttpsURLConnection.getDefaultHostnameVerifier();
		try (HttpsTestServer server = new HttpsTestServer(certs.serverContext(TlsOptions.builder().require(true)))) {
			this.runner.withPropertyValues("tls.https-handler.register=true").run((context) -> {
				assertThat(HttpClientKind.httpsUrlConnection(server.url("localhost"))).startsWith("CN=client ");
				// The clients' SSLContext: the default context's, naming its connections http-client
				assertThat(SSLContext.getDefault()).isSameAs(context.getBean(ClientTls.class).sslContext());
				assertThat(HttpsURLConnection.getDefaultHostnameVerifier().verify("elsewhere.example", null))
					.as("a host name mismatch is refused, as with require on").isFalse();
			});
			assertThat(SSLContext.getDefault()).isSameAs(defaultContext);
			assertThat(HttpsURLConnection.getDefaultSSLSocketFactory()).isSameAs(defaultFactory);
			assertThat(HttpsURLConnection.getDefaultHostnameVerifier()).isSameAs(defaultVerifier);
			assertThatThrownBy(() -> HttpClientKind.httpsUrlConnection(server.url("localhost")))
				.isInstanceOf(SSLHandshakeException.class);
		}
	}

	@Test
	void httpsUrlConnectionGivesUpOnASilentServerWithinTheHandshakeTimeout() throws Exception {
		try (ServerSocket silent = SilentPeers.server()) {
			this.runner.withPropertyValues("tls.https-handler.register=true", "tls.handshake-timeout=1s")
				.run((context) -> SilentPeers.assertEndedBy(Duration.ofSeconds(1),
						SilentPeers.timeToFail(() -> HttpClientKind
							.httpsUrlConnection("https://127.0.0.1:" + silent.getLocalPort() + "/"))));
		}
	}
}
