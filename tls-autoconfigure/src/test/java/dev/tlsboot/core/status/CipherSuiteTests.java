package dev.tlsboot.core.status;

import java.util.Arrays;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CipherSuite}. Expected descriptions are lines of {@code openssl ciphers -v} (OpenSSL 3.0).
 */
class CipherSuiteTests {

	@Test
	void describesTls13SuitesLikeOpenSsl() {
		CipherSuite suite = CipherSuite.of("TLS_AES_128_GCM_SHA256");
		assertThat(suite.openSslName()).isEqualTo("TLS_AES_128_GCM_SHA256");
		assertThat(suite.id()).isEqualTo("0x1301");
		assertThat(suite.bits()).isEqualTo(128);
		assertThat(suite.aead()).isTrue();
		assertThat(suite.minVersion()).isEqualTo("TLSv1.3");
		assertThat(suite.handshakeDigest("TLSv1.3")).isEqualTo("SHA256");
		assertThat(suite.description()).isEqualTo(
				"TLS_AES_128_GCM_SHA256         TLSv1.3 Kx=any      Au=any   Enc=AESGCM(128)            Mac=AEAD");
	}

	@Test
	void describesTls12SuitesLikeOpenSsl() {
		assertThat(CipherSuite.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256").description()).isEqualTo(
				"ECDHE-ECDSA-AES128-GCM-SHA256  TLSv1.2 Kx=ECDH     Au=ECDSA Enc=AESGCM(128)            Mac=AEAD");
		assertThat(CipherSuite.of("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256").description()).isEqualTo(
				"ECDHE-RSA-CHACHA20-POLY1305    TLSv1.2 Kx=ECDH     Au=RSA   Enc=CHACHA20/POLY1305(256) Mac=AEAD");
		assertThat(CipherSuite.of("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384").description()).isEqualTo(
				"ECDHE-RSA-AES256-SHA384        TLSv1.2 Kx=ECDH     Au=RSA   Enc=AES(256)               Mac=SHA384");
		assertThat(CipherSuite.of("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA").description()).isEqualTo(
				"ECDHE-RSA-AES128-SHA           TLSv1   Kx=ECDH     Au=RSA   Enc=AES(128)               Mac=SHA1");
		assertThat(CipherSuite.of("TLS_DHE_DSS_WITH_AES_256_CBC_SHA").description()).isEqualTo(
				"DHE-DSS-AES256-SHA             SSLv3   Kx=DH       Au=DSS   Enc=AES(256)               Mac=SHA1");
		assertThat(CipherSuite.of("TLS_RSA_WITH_AES_128_CBC_SHA").description()).isEqualTo(
				"AES128-SHA                     SSLv3   Kx=RSA      Au=RSA   Enc=AES(128)               Mac=SHA1");
	}

	@Test
	void handshakeDigestDependsOnTheProtocol() {
		CipherSuite sha384 = CipherSuite.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
		CipherSuite sha1 = CipherSuite.of("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
		assertThat(sha384.handshakeDigest("TLSv1.2")).isEqualTo("SHA384");
		assertThat(sha1.handshakeDigest("TLSv1.2")).isEqualTo("SHA256");
		assertThat(sha1.handshakeDigest("TLSv1.1")).isEqualTo("MD5-SHA1");
	}

	@Test
	void everySuiteTheJdkSupportsIsDescribedWithItsCode() throws Exception {
		String[] supported = SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites();
		assertThat(Arrays.stream(supported).filter((name) -> !name.endsWith("_SCSV")))
			.isNotEmpty()
			.allSatisfy((name) -> assertThat(CipherSuite.of(name)).as(name)
				.satisfies((suite) -> assertThat(suite.id()).startsWith("0x").hasSize(6)));
	}

	@Test
	void suitesItCannotDescribeAreNull() {
		assertThat(CipherSuite.of("TLS_EMPTY_RENEGOTIATION_INFO_SCSV")).isNull();
		assertThat(CipherSuite.of("SSL_RSA_WITH_3DES_EDE_CBC_SHA")).isNull();
		assertThat(CipherSuite.of("SSL_NULL_WITH_NULL_NULL")).isNull();
		assertThat(CipherSuite.of(null)).isNull();
	}

}
