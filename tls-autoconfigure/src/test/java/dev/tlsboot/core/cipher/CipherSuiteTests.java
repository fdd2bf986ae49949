package dev.tlsboot.core.cipher;

import java.security.NoSuchAlgorithmException;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import dev.tlsboot.core.TlsProtocol;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link CipherSuite} and its table. */
class CipherSuiteTests {

	@Test
	void namedByJsseOrOpenSslName() {
		CipherSuite suite = CipherSuite.named("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA").orElseThrow();
		assertThat(suite).isEqualTo(new CipherSuite("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "ECDHE-RSA-AES256-SHA",
				TlsProtocol.TLS1, "kECDHE", "aRSA", "AES", 256, "SHA1", "HIGH", false));
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

}
