package dev.tlsboot.core.cipher;

import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import dev.tlsboot.core.option.TlsProtocol;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CipherSuite} and its table. Expected descriptions are lines of {@code openssl ciphers -v} (OpenSSL
 * 3.0).
 */
class CipherSuiteTests {

	@Test
	void namedByJsseOrOpenSslName() {
		CipherSuite suite = CipherSuite.named("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA").orElseThrow();
		assertThat(suite).isEqualTo(new CipherSuite("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "ECDHE-RSA-AES256-SHA",
				TlsProtocol.TLS1, "kECDHE", "aRSA", "AES", 256, "SHA1", "HIGH", false, "0xC014"));
		assertThat(CipherSuite.named("ECDHE-RSA-AES256-SHA")).contains(suite);
		assertThat(suite.forwardSecret()).isTrue();
		assertThat(CipherSuite.named("TLS_EMPTY_RENEGOTIATION_INFO_SCSV")).isEmpty();
	}

	@Test
	void tableKnowsEverySuiteTheJdkEnablesByDefault() throws NoSuchAlgorithmException {
		assertThat(SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites())
			.filteredOn((name) -> !name.endsWith("_SCSV"))
			.allSatisfy((name) -> assertThat(CipherSuite.named(name)).isPresent());
	}

	@Test
	void describesTls13SuitesLikeOpenSsl() {
		CipherSuite suite = CipherSuite.named("TLS_AES_128_GCM_SHA256").orElseThrow();
		assertThat(suite.openSslName()).isEqualTo("TLS_AES_128_GCM_SHA256");
		assertThat(suite.id()).isEqualTo("0x1301");
		assertThat(suite.bits()).isEqualTo(128);
		assertThat(suite.aead()).isTrue();
		assertThat(suite.protocol().jsseName()).isEqualTo("TLSv1.3");
		assertThat(suite.handshakeDigest("TLSv1.3")).isEqualTo("SHA256");
		assertThat(suite.description()).isEqualTo(
				"TLS_AES_128_GCM_SHA256         TLSv1.3 Kx=any      Au=any   Enc=AESGCM(128)            Mac=AEAD");
	}

	@Test
	void describesTls12SuitesLikeOpenSsl() {
		assertThat(description("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")).isEqualTo(
				"ECDHE-ECDSA-AES128-GCM-SHA256  TLSv1.2 Kx=ECDH     Au=ECDSA Enc=AESGCM(128)            Mac=AEAD");
		assertThat(description("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")).isEqualTo(
				"ECDHE-RSA-CHACHA20-POLY1305    TLSv1.2 Kx=ECDH     Au=RSA   Enc=CHACHA20/POLY1305(256) Mac=AEAD");
		assertThat(description("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384")).isEqualTo(
				"ECDHE-RSA-AES256-SHA384        TLSv1.2 Kx=ECDH     Au=RSA   Enc=AES(256)               Mac=SHA384");
		assertThat(description("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")).isEqualTo(
				"ECDHE-RSA-AES128-SHA           TLSv1   Kx=ECDH     Au=RSA   Enc=AES(128)               Mac=SHA1");
		assertThat(description("TLS_DHE_DSS_WITH_AES_256_CBC_SHA")).isEqualTo(
				"DHE-DSS-AES256-SHA             SSLv3   Kx=DH       Au=DSS   Enc=AES(256)               Mac=SHA1");
		assertThat(description("TLS_RSA_WITH_AES_128_CBC_SHA")).isEqualTo(
				"AES128-SHA                     SSLv3   Kx=RSA      Au=RSA   Enc=AES(128)               Mac=SHA1");
	}

	@Test
	void handshakeDigestDependsOnTheProtocol() {
		CipherSuite sha384 = CipherSuite.named("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384").orElseThrow();
		CipherSuite sha1 = CipherSuite.named("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA").orElseThrow();
		assertThat(sha384.handshakeDigest("TLSv1.2")).isEqualTo("SHA384");
		assertThat(sha1.handshakeDigest("TLSv1.2")).isEqualTo("SHA256");
		assertThat(sha1.handshakeDigest("TLSv1.1")).isEqualTo("MD5-SHA1");
	}

	@Test
	void everySuiteTheJdkSupportsIsDescribedWithItsCode() throws Exception {
		String[] supported = SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites();
		assertThat(Arrays.stream(supported).filter((name) -> !name.endsWith("_SCSV")))
			.isNotEmpty()
			.allSatisfy((name) -> assertThat(CipherSuite.named(name)).as(name)
				.hasValueSatisfying((suite) -> assertThat(suite.id()).startsWith("0x").hasSize(6)));
	}

	@Test
	void suitesItCannotDescribeAreUnknown() {
		assertThat(CipherSuite.named("TLS_EMPTY_RENEGOTIATION_INFO_SCSV")).isEmpty();
		assertThat(CipherSuite.named("SSL_RSA_WITH_3DES_EDE_CBC_SHA")).isEmpty();
		assertThat(CipherSuite.named("SSL_NULL_WITH_NULL_NULL")).isEmpty();
	}

	private static String description(String name) {
		return CipherSuite.named(name).orElseThrow().description();
	}

}
