package dev.tlsboot.autoconfigure.client;

import java.nio.file.Path;

import io.netty.handler.ssl.OpenSsl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.OpenSslCa;
import dev.tlsboot.testing.OpenSslCli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * TLS Boot's JDK HttpClient builder, and WebClient and RestClient on Reactor Netty (on both Netty providers), refuse a
 * revoked server certificate and say why: by a CRL that {@code openssl ca -gencrl} signed, and by {@code openssl
 * ocsp} answering from the same index, named in the certificate.
 */
class ClientRevocationTests {

	@TempDir
	static Path dir;

	private static OpenSslCa ca;

	private static Path crl;

	private static OpenSslCli.Server responder;

	private final ApplicationContextRunner runner = HttpClientKind.runner();

	@BeforeAll
	static void pki() throws Exception {
		int port = OpenSslCli.freePort();
		ca = OpenSslCa.create(dir.resolve("ca"), CertificateAuthority.root("Client Revocation Root"));
		ca.valid(server(port)).writeTo(dir, "good-server");
		IssuedCertificate revoked = server(port);
		revoked.writeTo(dir, "revoked-server");
		ca.revoke(revoked.certificate(), "keyCompromise");
		crl = ca.crl(dir.resolve("ca.crl"));
		responder = ca.responder(port);
	}

	@AfterAll
	static void stop() {
		responder.close();
	}

	private static IssuedCertificate server(int responderPort) {
		return ca.ca().issue().commonName("localhost").subjectAltNames("localhost", "127.0.0.1").serverAuth()
			.ocspResponder("http://127.0.0.1:" + responderPort).build();
	}

	private static HttpsTestServer serving(String name) {
		return new HttpsTestServer(TlsContext.builder(TlsOptions.builder()
			.certfile(dir.resolve(name + ".crt").toString())
			.keyfile(dir.resolve(name + ".key").toString())
			.build()).registry(ConnectionRegistry.disabled()).build());
	}

	private ApplicationContextRunner client(HttpClientKind client, String provider, String... settings) {
		assumeTrue(!provider.equals("openssl") || OpenSsl.isAvailable(),
				() -> "netty-tcnative cannot be loaded: " + OpenSsl.unavailabilityCause());
		return this.runner.withPropertyValues("tls.cafile=file:" + ca.certificateFile(), "tls.provider=" + provider)
			.withPropertyValues(settings)
			.withPropertyValues(client.properties());
	}

	@ParameterizedTest
	@CsvSource({ "JDK_HTTP_CLIENT, jdk", "WEB_CLIENT, jdk", "WEB_CLIENT, openssl", "REST_CLIENT_REACTOR, jdk",
			"REST_CLIENT_REACTOR, openssl", "REST_TEMPLATE, jdk", "REST_CLIENT_SIMPLE, jdk",
			"HTTPS_URL_CONNECTION, jdk" })
	void crlfileRefusesARevokedServerCertificate(HttpClientKind kind, String provider) throws Exception {
		try (HttpsTestServer good = serving("good-server"); HttpsTestServer revoked = serving("revoked-server")) {
			client(kind, provider, "tls.crlfile=file:" + crl, "tls.revocation-ocsp=false").run((context) -> {
				assertThat(kind.get(context, good.url("127.0.0.1"))).startsWith("anonymous");
				assertThatThrownBy(() -> kind.get(context, revoked.url("127.0.0.1"))).satisfies(
						(ex) -> assertThat(HttpClientKind.messages(ex)).anyMatch((message) -> message.contains(
								"is revoked") && message.contains("KEY_COMPROMISE") && message.contains("crlfile")));
			});
		}
	}

	@ParameterizedTest
	@CsvSource({ "JDK_HTTP_CLIENT, jdk", "WEB_CLIENT, jdk", "WEB_CLIENT, openssl", "REST_CLIENT_REACTOR, jdk",
			"REST_CLIENT_REACTOR, openssl", "REST_TEMPLATE, jdk", "REST_CLIENT_SIMPLE, jdk",
			"HTTPS_URL_CONNECTION, jdk" })
	void theOcspResponderRefusesARevokedServerCertificateUnderHard(HttpClientKind kind, String provider)
			throws Exception {
		try (HttpsTestServer good = serving("good-server"); HttpsTestServer revoked = serving("revoked-server")) {
			client(kind, provider, "tls.revocation=hard").run((context) -> {
				assertThat(kind.get(context, good.url("127.0.0.1"))).startsWith("anonymous");
				assertThatThrownBy(() -> kind.get(context, revoked.url("127.0.0.1")))
					.satisfies((ex) -> assertThat(HttpClientKind.messages(ex))
						.anyMatch((message) -> message.contains("is revoked")
								&& message.contains("OCSP responder http://127.0.0.1:" + responder.port())));
			});
		}
	}

}
