package dev.tlsboot.autoconfigure.client;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import dev.tlsboot.actuate.ConnectionDescriptor;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.option.TlsRole;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.TlsConsumers;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.observe.TrackedConnection.State;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.test.TestCertificates;
import dev.tlsboot.testing.SilentPeers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every HTTP client Spring Boot builds, and TLS Boot's JDK HttpClient builder, against real HTTPS servers on
 * 127.0.0.1 that require a client certificate: mTLS, refusal without a certificate, routes to two CAs, the host name
 * check, and HTTP/2 by ALPN.
 */
class TlsHttpClientAutoConfigurationTests {

	private static TestCertificates certs;

	private static TestCertificates otherCerts;

	private final ApplicationContextRunner runner = HttpClientKind.runner();

	@BeforeAll
	static void issueCertificates() {
		certs = TestCertificates.create();
		otherCerts = TestCertificates.create();
	}

	@AfterAll
	static void deleteCertificates() {
		certs.close();
		otherCerts.close();
	}

	@ParameterizedTest
	@EnumSource
	void presentsTheClientCertificate(HttpClientKind client) throws Exception {
		try (HttpsTestServer server = new HttpsTestServer(certs.serverContext(TlsOptions.builder().require(true)))) {
			this.runner.withPropertyValues(properties(certs, "tls", TestCertificates.Identity.CLIENT))
				.withPropertyValues(client.properties())
				.run((context) -> {
					assertThat(client.get(context, server.url("localhost"))).startsWith("CN=client ");
					assertMadeByHttpClients(context);
				});
		}
	}

	@ParameterizedTest
	@EnumSource
	void isRefusedWithoutACertificateWhenTheServerRequiresOne(HttpClientKind client) throws Exception {
		try (HttpsTestServer server = new HttpsTestServer(certs.serverContext(TlsOptions.builder().require(true)))) {
			this.runner.withPropertyValues(properties(certs, "tls", TestCertificates.Identity.NONE))
				.withPropertyValues(client.properties())
				.run((context) -> assertThatThrownBy(() -> client.get(context, server.url("localhost")))
					.isInstanceOf(Exception.class));
		}
	}

	@ParameterizedTest
	@EnumSource
	void routesEachHostToTheContextOfItsCa(HttpClientKind client) throws Exception {
		try (HttpsTestServer first = new HttpsTestServer(certs.serverContext(TlsOptions.builder().require(true)));
				HttpsTestServer second = new HttpsTestServer(
						otherCerts.serverContext(TlsOptions.builder().require(true)))) {
			this.runner.withPropertyValues(properties(certs, "tls", TestCertificates.Identity.CLIENT))
				.withPropertyValues(properties(otherCerts, "tls.contexts.other", TestCertificates.Identity.CLIENT))
				.withPropertyValues("tls.client.routes[127.0.0.1]=other")
				.withPropertyValues(client.properties())
				.run((context) -> {
					assertThat(client.get(context, first.url("localhost"))).startsWith("CN=client ");
					assertThat(client.get(context, second.url("127.0.0.1"))).startsWith("CN=client ");
					assertMadeByHttpClients(context);
				});
		}
	}

	@ParameterizedTest
	@EnumSource
	void refusesACertificateForAnotherHostAndSaysWhy(HttpClientKind client) throws Exception {
		IssuedCertificate elsewhere = certs.ca().issueServer("elsewhere.example");
		TlsContext serverContext = TlsContext.create("elsewhere", TlsOptions.defaults(),
				new TlsMaterial(elsewhere.keyMaterial(), List.of(certs.ca().rootCertificate())));
		try (HttpsTestServer server = new HttpsTestServer(serverContext)) {
			this.runner.withPropertyValues(properties(certs, "tls", TestCertificates.Identity.CLIENT))
				.withPropertyValues(client.properties())
				.run((context) -> assertThatThrownBy(() -> client.get(context, server.url("localhost")))
					.satisfies((ex) -> assertThat(HttpClientKind.messages(ex)).anyMatch((message) -> message
						.contains("host name 'localhost' does not match the certificate"))));
		}
	}

	@ParameterizedTest
	@EnumSource
	void givesUpOnASilentServerWithinTheHandshakeTimeout(HttpClientKind client) throws Exception {
		try (ServerSocket silent = SilentPeers.server()) {
			this.runner.withPropertyValues(properties(certs, "tls", TestCertificates.Identity.CLIENT))
				.withPropertyValues("tls.handshake-timeout=1s")
				.withPropertyValues(client.properties())
				.run((context) -> SilentPeers.assertEndedBy(Duration.ofSeconds(1),
						SilentPeers.timeToFail(() -> client.get(context, url(silent)))));
		}
	}

	@Test
	void clientContextConnectGivesUpOnASilentServerWithinItsHandshakeTimeout() throws Exception {
		try (ServerSocket silent = SilentPeers.server()) {
			this.runner.withPropertyValues(properties(certs, "tls", TestCertificates.Identity.CLIENT))
				.withPropertyValues("tls.contexts.quick.handshake-timeout=1s", "tls.client.context=quick")
				.run((context) -> SilentPeers.assertEndedBy(Duration.ofSeconds(1), SilentPeers.timeToFail(
						() -> context.getBean(ClientTls.class).context().connect("127.0.0.1", silent.getLocalPort()))));
		}
	}

	@Test
	void connectTimeoutIsTheHandshakeTimeoutUnlessSpringBootSetsOne() {
		this.runner.withPropertyValues("tls.handshake-timeout=4s").run((context) -> {
			assertThat(context.getBean(HttpClientSettings.class).connectTimeout()).hasSeconds(4);
			assertThat(context.getBean(HttpClient.Builder.class).build().connectTimeout())
				.hasValue(Duration.ofSeconds(4));
		});
		this.runner.withPropertyValues("tls.handshake-timeout=4s", "spring.http.clients.connect-timeout=7s")
			.run((context) -> assertThat(context.getBean(HttpClientSettings.class).connectTimeout()).hasSeconds(7));
	}

	@EnumSource(names = { "WEB_CLIENT", "REST_CLIENT_REACTOR" })
	void explainsAPlaintextServerOnReactorNetty(HttpClientKind client) {
		DisposableServer plain = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> response.sendString(Mono.just("plaintext")))
			.bindNow(HttpsTestServer.TIMEOUT);
		try {
			this.runner.withPropertyValues(properties(certs, "tls", TestCertificates.Identity.CLIENT))
				.withPropertyValues(client.properties())
				.run((context) -> {
					assertThatThrownBy(() -> client.get(context, "https://localhost:" + plain.port() + "/"))
						.hasMessageContaining("TLS handshake with localhost:" + plain.port() + " failed: the peer "
								+ "does not speak TLS on this port: it sent plaintext (\"HTTP/1.1 400 Bad Request\")");
					TrackedConnection failed = context.getBean(ConnectionRegistry.class)
						.connections(State.FAILED, null, null)
						.get(0);
					assertThat(failed.failure().orElseThrow().explanation().cause()).isEqualTo(Cause.PLAINTEXT_PEER);
				});
		}
		finally {
			plain.disposeNow(HttpsTestServer.TIMEOUT);
		}
	}

	@Test
	void jdkHttpClientNegotiatesHttp2ByAlpn() throws Exception {
		try (HttpsTestServer server = new HttpsTestServer(certs.serverContext(TlsOptions.builder().require(true)))) {
			this.runner.withPropertyValues(properties(certs, "tls", TestCertificates.Identity.CLIENT))
				.run((context) -> assertThat(HttpClientKind.JDK_HTTP_CLIENT.get(context, server.url("localhost")))
					.isEqualTo("CN=client HTTP/2.0"));
		}
	}

	@Test
	void webClientNegotiatesHttp2ByAlpnWhenReactorNettySpeaksIt() throws Exception {
		try (HttpsTestServer server = new HttpsTestServer(certs.serverContext(TlsOptions.builder().require(true)))) {
			this.runner.withPropertyValues(properties(certs, "tls", TestCertificates.Identity.CLIENT))
				.withBean(ClientHttpConnectorBuilderCustomizer.class, () -> h2())
				.run((context) -> assertThat(HttpClientKind.WEB_CLIENT.get(context, server.url("localhost")))
					.isEqualTo("CN=client HTTP/2.0"));
		}
	}

	@Test
	void aBundleChosenThroughSpringBootWins() {
		this.runner.withPropertyValues(properties(certs, "tls", TestCertificates.Identity.CLIENT))
			.withPropertyValues("tls.contexts.other.castore=java", "spring.http.clients.ssl.bundle=tls-other")
			.run((context) -> assertThat(context.getBean(HttpClientSettings.class).sslBundle())
				.isSameAs(context.getBean(SslBundles.class).getBundle("tls-other")));
	}

	@Test
	void namingAnUnknownContextFailsNamingTheProperty() {
		this.runner.withPropertyValues("tls.client.routes[api.example.com]=nope")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("tls.client.routes[api.example.com]")
				.hasMessageContaining("no TLS context named 'nope'"));
	}

	private static String url(ServerSocket server) {
		return "https://127.0.0.1:" + server.getLocalPort() + "/";
	}

	private static ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder> h2() {
		return (builder) -> builder
			.withHttpClientCustomizer((client) -> client.protocol(HttpProtocol.H2, HttpProtocol.HTTP11));
	}

	private static String[] properties(TestCertificates certificates, String prefix,
			TestCertificates.Identity identity) {
		return certificates.properties(prefix, identity)
			.entrySet()
			.stream()
			.map(Map.Entry::toString)
			.toArray(String[]::new);
	}

	/** Every client connection is named as the HTTP clients', in the registry and the endpoint, on every library. */
	private static void assertMadeByHttpClients(ApplicationContext context) {
		assertThat(context.getBean(ConnectionRegistry.class).connections(null, null, TlsRole.CLIENT)).isNotEmpty()
			.allSatisfy((connection) -> {
				assertThat(connection.consumer()).isEqualTo(TlsConsumers.HTTP_CLIENT);
				assertThat(ConnectionDescriptor.of(connection).consumer()).isEqualTo("http-client");
			});
	}

}
