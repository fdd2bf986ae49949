package dev.tlsboot.autoconfigure.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.context.ConfigurableApplicationContext;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.HandshakeFailure;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.observe.TrackedConnection.State;
import dev.tlsboot.core.option.TlsRole;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.OpenSslCa;
import dev.tlsboot.testing.OpenSslCli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Servers that require client certificates, configured by {@code tls.*} properties, refuse a revoked one on every
 * web server and Netty provider, and say why in their registry: against a CRL that {@code openssl ca -gencrl} signed
 * from a real index, against {@code openssl ocsp} answering from the same index, and under {@code revocation: hard}
 * with a dead OCSP responder.
 */
class ServerRevocationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@TempDir
	static Path dir;

	private static OpenSslCa ca;

	private static Path crl;

	private static OpenSslCli.Server responder;

	/**
	 * Run the application with the server certificate, trust in the CA, client certificates required, and the given
	 * settings; skipped on {@code openssl} when netty-tcnative cannot be loaded.
	 */
	private static ConfigurableApplicationContext run(TestApplications server, String provider, String... settings) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("tls.certfile", "file:" + dir.resolve("server.crt"));
		properties.put("tls.keyfile", "file:" + dir.resolve("server.key"));
		properties.put("tls.cafile", "file:" + ca.certificateFile());
		properties.put("tls.server.require", "true");
		for (String setting : settings) {
			int equals = setting.indexOf('=');
			properties.put(setting.substring(0, equals), setting.substring(equals + 1));
		}
		return server.runOn(provider, properties);
	}

	@BeforeAll
	static void pki() throws Exception {
		ca = OpenSslCa.create(dir.resolve("ca"), CertificateAuthority.root("Server Revocation Root"));
		ca.valid(ca.ca().issueServer("localhost", "127.0.0.1")).writeTo(dir, "server");
		ca.valid(ca.ca().issueClient("good-client")).writeTo(dir, "good-client");
		IssuedCertificate revoked = ca.ca().issueClient("revoked-client");
		revoked.writeTo(dir, "revoked-client");
		ca.revoke(revoked.certificate(), "keyCompromise");
		crl = ca.crl(dir.resolve("ca.crl"));
		int port = OpenSslCli.freePort();
		IssuedCertificate revokedAtResponder = ca.ca().issue().commonName("ocsp-revoked-client").clientAuth()
			.ocspResponder("http://127.0.0.1:" + port).build();
		revokedAtResponder.writeTo(dir, "ocsp-revoked-client");
		ca.revoke(revokedAtResponder.certificate(), "affiliationChanged");
		responder = ca.responder(port);
	}

	@AfterAll
	static void stop() {
		responder.close();
	}

	@ParameterizedTest
	@CsvSource({ "TOMCAT, jdk", "JETTY, jdk", "REACTOR_NETTY, jdk", "REACTOR_NETTY, openssl" })
	void theResponderAClientCertificateNamesRefusesItWhenRevoked(TestApplications server, String provider)
			throws Exception {
		try (ConfigurableApplicationContext application = run(server, provider, "tls.revocation=soft")) {
			int port = TestApplications.port(application);
			// It names no responder and no CRL: soft lets it pass.
			assertThat(get(port, "good-client").body()).isEqualTo("CN=good-client");
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> get(port, "ocsp-revoked-client"));
			HandshakeFailure failure = refusal(application);
			assertThat(failure.cause()).isEqualTo(Cause.REVOKED);
			assertThat(failure.explanation()).contains("'CN=ocsp-revoked-client'", "AFFILIATION_CHANGED",
					"OCSP responder http://127.0.0.1:" + responder.port());
		}
	}

	@ParameterizedTest
	@CsvSource({ "TOMCAT, jdk", "JETTY, jdk", "REACTOR_NETTY, jdk", "REACTOR_NETTY, openssl" })
	void crlfileRefusesARevokedClientCertificateAndTheRegistrySaysRevoked(TestApplications server, String provider)
			throws Exception {
		try (ConfigurableApplicationContext application = run(server, provider, "tls.crlfile=file:" + crl)) {
			int port = TestApplications.port(application);
			assertThat(get(port, "good-client").body()).isEqualTo("CN=good-client");
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> get(port, "revoked-client"));
			HandshakeFailure failure = refusal(application);
			assertThat(failure.cause()).isEqualTo(Cause.REVOKED);
			assertThat(failure.explanation()).contains("'CN=revoked-client'", "KEY_COMPROMISE", "crlfile");
		}
	}

	@ParameterizedTest
	@CsvSource({ "TOMCAT, jdk", "JETTY, jdk", "REACTOR_NETTY, jdk", "REACTOR_NETTY, openssl" })
	void hardRefusesWhenTheOnlyResponderIsDead(TestApplications server, String provider) throws Exception {
		try (ConfigurableApplicationContext application = run(server, provider, "tls.revocation=hard",
				"tls.ocsp-responder=http://127.0.0.1:" + OpenSslCli.freePort(), "tls.revocation-timeout=1s")) {
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> get(TestApplications.port(application), "good-client"));
			HandshakeFailure failure = refusal(application);
			assertThat(failure.cause()).isEqualTo(Cause.REVOCATION_UNKNOWN);
			assertThat(failure.explanation()).contains("'CN=good-client'", "'revocation' is hard");
		}
	}

	/** The server's failed connection; the registry records it when the server has closed it. */
	private static HandshakeFailure refusal(ConfigurableApplicationContext application) {
		ConnectionRegistry registry = application.getBean(ConnectionRegistry.class);
		List<TrackedConnection> failed = await().atMost(TIMEOUT)
			.until(() -> registry.connections(State.FAILED, null, TlsRole.SERVER), (list) -> !list.isEmpty());
		return failed.get(0).failure().orElseThrow().explanation();
	}

	/** {@code GET https://127.0.0.1:port/} with the JDK's HttpClient presenting the named client certificate. */
	private static HttpResponse<String> get(int port, String client) throws IOException, InterruptedException {
		TlsContext tls = TlsContext.builder(TlsOptions.builder()
			.cafile(ca.certificateFile().toString())
			.certfile(dir.resolve(client + ".crt").toString())
			.keyfile(dir.resolve(client + ".key").toString())
			.build()).registry(ConnectionRegistry.disabled()).build();
		HttpClient http = HttpClient.newBuilder().sslContext(tls.sslContext()).connectTimeout(TIMEOUT).build();
		return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/")).timeout(TIMEOUT).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
