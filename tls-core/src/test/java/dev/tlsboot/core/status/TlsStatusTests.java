package dev.tlsboot.core.status;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TlsStatus} over real handshakes on 127.0.0.1.
 */
class TlsStatusTests {

	private static final CertificateAuthority CA = CertificateAuthority.root("Test CA");

	private static final IssuedCertificate SERVER = CA.issueServer("localhost", "127.0.0.1");

	@ParameterizedTest
	@CsvSource({ "TLSv1.2, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, ECDHE-ECDSA-AES128-GCM-SHA256, ",
			"TLSv1.3, TLS_AES_128_GCM_SHA256, TLS_AES_128_GCM_SHA256, SHA256" })
	void describesBothSidesWithClientCertificate(String protocol, String suite, String cipher, String signatureHash)
			throws Exception {
		IssuedCertificate alice = CA.issueClient("alice");
		try (LoopbackTls server = LoopbackTls.start(LoopbackTls.context(SERVER, CA), (parameters) -> {
			parameters.setNeedClientAuth(true);
			parameters.setApplicationProtocols(new String[] { "h2", "http/1.1" });
		}); LoopbackTls.Connection connection = server.connect(LoopbackTls.context(alice, CA), "localhost",
				(parameters) -> {
					parameters.setProtocols(new String[] { protocol });
					parameters.setCipherSuites(new String[] { suite });
					parameters.setApplicationProtocols(new String[] { "h2" });
				})) {
			TlsStatus client = TlsStatus.of(connection.client().socket(), false, true, true);
			assertThat(client.protocol()).isEqualTo(protocol);
			assertThat(client.cipher()).isEqualTo(cipher);
			assertThat(client.sbits()).isEqualTo(128);
			assertThat(client.alpn()).isEqualTo("h2");
			assertThat(client.peername()).isEqualTo("localhost");
			assertThat(client.signatureType()).isEqualTo("ECDSA");
			assertThat(client.signatureHashAlgorithm()).isEqualTo(signatureHash);
			assertThat(client.verifyMode()).containsExactly("peer", "fail_if_no_peer_cert");
			assertThat(client.verifyResult()).isEqualTo(VerifyResult.OK);
			assertThat(client.verifyDepth()).isNull();
			assertThat(client.caNames()).isNull();
			assertThat(client.certificate().subject()).isEqualTo("CN=localhost");
			assertThat(client.certificate().subjectAltName()).containsExactly("DNS:localhost", "IP Address:127.0.0.1");
			assertThat(client.certificate().sha256Hash()).isEqualTo(sha256(SERVER.certificate().getEncoded()));
			assertThat(client.chain()).containsExactly(client.certificate());

			TlsStatus serverStatus = TlsStatus.of(connection.server().socket(), false, true, true);
			assertThat(serverStatus.protocol()).isEqualTo(protocol);
			assertThat(serverStatus.cipher()).isEqualTo(cipher);
			assertThat(serverStatus.alpn()).isEqualTo("h2");
			assertThat(serverStatus.peername()).isEqualTo("127.0.0.1");
			assertThat(serverStatus.certificate().subject()).isEqualTo("CN=alice");
			assertThat(serverStatus.verifyResult()).isEqualTo(VerifyResult.OK);

			assertThat(TlsStatus.of(connection.client().socket(), true, true, true).certificate().subject())
				.isEqualTo("CN=alice");
			assertThat(TlsStatus.of(connection.server().socket(), true, true, true).certificate().subject())
				.isEqualTo("CN=localhost");
		}
	}

	@ParameterizedTest
	@CsvSource({ "TLSv1.2", "TLSv1.3" })
	void describesServerWithoutClientCertificate(String protocol) throws Exception {
		try (LoopbackTls server = LoopbackTls.start(LoopbackTls.context(SERVER, CA), (parameters) -> {
		}); LoopbackTls.Connection connection = server.connect(LoopbackTls.context(null, CA), "localhost",
				(parameters) -> parameters.setProtocols(new String[] { protocol }))) {
			TlsStatus serverStatus = TlsStatus.of(connection.server().socket(), false, false, false);
			assertThat(serverStatus.protocol()).isEqualTo(protocol);
			assertThat(serverStatus.certificate()).isNull();
			assertThat(serverStatus.chain()).isEmpty();
			assertThat(serverStatus.verifyResult()).isNull();
			assertThat(serverStatus.verifyMode()).containsExactly("none");
			assertThat(serverStatus.alpn()).isNull();
			assertThat(serverStatus.signatureType()).isNull();
			TlsStatus clientLocal = TlsStatus.of(connection.client().socket(), true, true, false);
			assertThat(clientLocal.certificate()).isNull();
			assertThat(clientLocal.verifyMode()).containsExactly("peer");
			assertThat(TlsStatus.of(connection.client().socket(), false, true, false).verifyResult())
				.isEqualTo(VerifyResult.OK);
		}
	}

	@ParameterizedTest
	@CsvSource({ "TLSv1.2", "TLSv1.3" })
	void describesChainWithIntermediate(String protocol) throws Exception {
		IssuedCertificate leaf = CA.intermediate("Sub CA").issueServer("localhost", "127.0.0.1");
		try (LoopbackTls server = LoopbackTls.start(LoopbackTls.context(leaf, CA), (parameters) -> {
		}); LoopbackTls.Connection connection = server.connect(LoopbackTls.context(null, CA), "localhost",
				(parameters) -> parameters.setProtocols(new String[] { protocol }))) {
			List<CertificateInfo> chain = TlsStatus.of(connection.client().socket(), false, true, true).chain();
			assertThat(chain).hasSize(2);
			assertThat(chain.get(0).issuer()).isEqualTo("CN=Sub CA").isEqualTo(chain.get(1).subject());
			assertThat(chain.get(0).authorityKeyIdentifier()).isEqualTo(chain.get(1).subjectKeyIdentifier());
			assertThat(chain.get(1).issuer()).isEqualTo("CN=Test CA");
		}
	}

	@ParameterizedTest
	@CsvSource({ "TLSv1.2", "TLSv1.3" })
	void describesEngines(String protocol) throws Exception {
		SSLEngine serverEngine = LoopbackTls.context(SERVER, CA).createSSLEngine();
		serverEngine.setUseClientMode(false);
		SSLEngine clientEngine = LoopbackTls.context(null, CA).createSSLEngine("localhost", 443);
		clientEngine.setUseClientMode(true);
		SSLParameters parameters = clientEngine.getSSLParameters();
		parameters.setProtocols(new String[] { protocol });
		parameters.setServerNames(List.of(new SNIHostName("localhost")));
		parameters.setApplicationProtocols(new String[] { "h2" });
		clientEngine.setSSLParameters(parameters);
		SSLParameters serverParameters = serverEngine.getSSLParameters();
		serverParameters.setApplicationProtocols(new String[] { "h2" });
		serverEngine.setSSLParameters(serverParameters);
		LoopbackTls.handshake(clientEngine, serverEngine);
		TlsStatus client = TlsStatus.of(clientEngine, false, true, true);
		assertThat(client.protocol()).isEqualTo(protocol);
		assertThat(client.alpn()).isEqualTo("h2");
		assertThat(client.certificate().subject()).isEqualTo("CN=localhost");
		assertThat(client.verifyResult()).isEqualTo(VerifyResult.OK);
		assertThat(TlsStatus.of(serverEngine, true, false, false).certificate().subject()).isEqualTo("CN=localhost");
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
