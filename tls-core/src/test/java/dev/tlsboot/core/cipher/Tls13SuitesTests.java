package dev.tlsboot.core.cipher;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tlsboot.core.option.TlsConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Tests for {@link Tls13Suites}. */
class Tls13SuitesTests {

	private static final List<String> JDK_17 = List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
			"TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");

	@Test
	void namesInTheirOrderWithoutDuplicates() {
		assertThat(Tls13Suites.select("TLS_CHACHA20_POLY1305_SHA256: TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256",
				JDK_17))
			.containsExactly("TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256");
	}

	@Test
	void blankSelectsNone() {
		assertThat(Tls13Suites.select("", JDK_17)).isEmpty();
	}

	@Test
	void unknownNameIsAnError() {
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> Tls13Suites.select("TLS_AES_128_GCM_SHA256:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", JDK_17))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("ciphersuites"))
			.withMessage("Option 'ciphersuites': unknown TLS 1.3 cipher suite 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'. "
					+ "Use names from [TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256] "
					+ "separated by ':'; TLS 1.2 suites belong in 'cipher'.");
	}

	@Test
	void suiteTheJdkLacksIsAnError() {
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> Tls13Suites.select("TLS_AES_128_CCM_SHA256", JDK_17))
			.withMessageStartingWith("Option 'ciphersuites': this JDK does not support the TLS 1.3 cipher suite "
					+ "'TLS_AES_128_CCM_SHA256'.");
	}

}
