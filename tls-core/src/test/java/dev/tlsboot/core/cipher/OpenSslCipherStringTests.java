package dev.tlsboot.core.cipher;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import dev.tlsboot.core.option.TlsConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link OpenSslCipherString}, against every suite of the table (anonymous and NULL ones too), with the
 * lists OpenSSL 3.0 prints for the same strings.
 */
class OpenSslCipherStringTests {

	private static final List<String> EVERY_SUITE = CipherSuite.all().stream().map(CipherSuite::jsseName).toList();

	@Test
	void ecdheWithAesGcmInOpenSslOrder() {
		assertThat(select("ECDHE+AESGCM")).containsExactly("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
				"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
				"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
	}

	@Test
	void highWithoutAnonymousOrMd5() {
		assertThat(select("HIGH:!aNULL:!MD5")).containsExactly(names("""
				TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
				TLS_DHE_DSS_WITH_AES_256_GCM_SHA384 TLS_DHE_RSA_WITH_AES_256_GCM_SHA384
				TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256
				TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256
				TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
				TLS_DHE_DSS_WITH_AES_128_GCM_SHA256 TLS_DHE_RSA_WITH_AES_128_GCM_SHA256
				TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384
				TLS_DHE_RSA_WITH_AES_256_CBC_SHA256 TLS_DHE_DSS_WITH_AES_256_CBC_SHA256
				TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256
				TLS_DHE_RSA_WITH_AES_128_CBC_SHA256 TLS_DHE_DSS_WITH_AES_128_CBC_SHA256
				TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA
				TLS_DHE_RSA_WITH_AES_256_CBC_SHA TLS_DHE_DSS_WITH_AES_256_CBC_SHA
				TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
				TLS_DHE_RSA_WITH_AES_128_CBC_SHA TLS_DHE_DSS_WITH_AES_128_CBC_SHA
				TLS_RSA_WITH_AES_256_GCM_SHA384 TLS_RSA_WITH_AES_128_GCM_SHA256
				TLS_RSA_WITH_AES_256_CBC_SHA256 TLS_RSA_WITH_AES_128_CBC_SHA256
				TLS_RSA_WITH_AES_256_CBC_SHA TLS_RSA_WITH_AES_128_CBC_SHA
				"""));
	}

	@Test
	void defaultWithoutRsaKeyExchangeHasNoAnonymousDssOrNullSuites() {
		assertThat(select("DEFAULT:-kRSA")).containsExactly(names("""
				TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
				TLS_DHE_RSA_WITH_AES_256_GCM_SHA384
				TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256
				TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256
				TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
				TLS_DHE_RSA_WITH_AES_128_GCM_SHA256
				TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384
				TLS_DHE_RSA_WITH_AES_256_CBC_SHA256
				TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256
				TLS_DHE_RSA_WITH_AES_128_CBC_SHA256
				TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA
				TLS_DHE_RSA_WITH_AES_256_CBC_SHA
				TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
				TLS_DHE_RSA_WITH_AES_128_CBC_SHA
				"""));
	}

	@Test
	void defaultKillsWhatItLeavesOut() {
		assertThat(select("DEFAULT:ADH:eNULL")).isEqualTo(select("DEFAULT"));
	}

	@Test
	void plusMovesToTheEnd() {
		assertThat(select("ECDHE+AES:+AES128")).containsExactly(names("""
				TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
				TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384
				TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA
				TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
				TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256
				TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
				"""));
	}

	@Test
	void strengthSortsStrongestFirstAndKeepsTheOrderOtherwise() {
		assertThat(select("ECDHE-ECDSA-AES128-SHA:ECDHE+SHA1:@STRENGTH")).containsExactly(
				"TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
				"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
				"TLS_ECDHE_ECDSA_WITH_NULL_SHA", "TLS_ECDHE_RSA_WITH_NULL_SHA");
	}

	@Test
	void minusLetsALaterItemAddAgainButBangDoesNot() {
		assertThat(select("ECDHE+AESGCM:-ECDHE+AES128:ECDHE+AESGCM")).containsExactly(
				"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
				"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
		assertThat(select("ECDHE+AESGCM:!ECDHE+AES128:ECDHE+AESGCM")).containsExactly(
				"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
	}

	@Test
	void deletedSuitesComeBackAheadOfSuitesNeverAdded() {
		assertThat(select("DHE+AESGCM:-DHE+AES128:ALL+AES128+AESGCM")).containsExactly(
				"TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
				"TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
				"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
				"TLS_DH_anon_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256");
	}

	@Test
	void cipherNamesInTheirOrderWhetherOpenSslOrJsse() {
		List<String> expected = List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
		assertThat(select("ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384")).isEqualTo(expected);
		assertThat(select("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"))
			.isEqualTo(expected);
	}

	@Test
	void commasSemicolonsAndSpacesSeparateToo() {
		assertThat(select(" ECDHE+AESGCM, !aECDSA; +AES256 ")).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
				"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
	}

	@Test
	void aliasesOfSuitesTheJdkLacksAreValidAndSelectNothing() {
		assertThat(select("ECDHE+AESGCM:CAMELLIA:ARIA:PSK:SRP:3DES:RC4:MD5:EXPORT:LOW:MEDIUM"))
			.isEqualTo(select("ECDHE+AESGCM"));
	}

	@Test
	void securityLevelIsReported() {
		assertThat(OpenSslCipherString.select("ECDHE+AESGCM:@SECLEVEL=3", EVERY_SUITE).securityLevel())
			.isEqualTo(OptionalInt.of(3));
		assertThat(OpenSslCipherString.select("ECDHE+AESGCM", EVERY_SUITE).securityLevel()).isEmpty();
	}

	@Test
	void onlyAvailableSuitesAreSelected() {
		List<String> available = List.of("TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
				"TLS_AES_128_GCM_SHA256");
		assertThat(OpenSslCipherString.select("ALL", available).suites())
			.containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
	}

	@Test
	void unknownNameIsAnError() {
		assertThatExceptionOfType(TlsConfigurationException.class).isThrownBy(() -> select("ECDHE+X"))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("cipher"))
			.withMessageStartingWith("Option 'cipher': unknown cipher or alias 'X' in 'ECDHE+X'. ")
			.withMessageContaining("'HIGH:!aNULL:!MD5'")
			.withMessageContaining("openssl ciphers -v");
	}

	@Test
	void selectingNothingIsAnError() {
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> OpenSslCipherString.select("CAMELLIA:kRSA",
					List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")))
			.withMessageStartingWith("Option 'cipher': 'CAMELLIA:kRSA' selects no cipher suite that this JDK "
					+ "supports. Select some of [ECDHE-RSA-AES128-GCM-SHA256].");
	}

	@Test
	void tls13SuiteIsAnError() {
		assertThatExceptionOfType(TlsConfigurationException.class).isThrownBy(() -> select("TLS_AES_128_GCM_SHA256"))
			.withMessage("Option 'cipher': 'TLS_AES_128_GCM_SHA256' is a TLS 1.3 suite, which the cipher string "
					+ "does not select (as in OpenSSL). List it in 'ciphersuites' instead.");
	}

	@Test
	void badCommandsAreErrors() {
		assertThatExceptionOfType(TlsConfigurationException.class).isThrownBy(() -> select("HIGH:@SECLEVEL=7"))
			.withMessage("Option 'cipher': '@SECLEVEL=7' is no security level. "
					+ "Use @SECLEVEL=0 to @SECLEVEL=5, as in OpenSSL 3; 2 is the default.");
		assertThatExceptionOfType(TlsConfigurationException.class).isThrownBy(() -> select("HIGH:@CIPHERS"))
			.withMessageStartingWith("Option 'cipher': unknown command '@CIPHERS'.");
	}

	private static List<String> select(String cipherString) {
		return OpenSslCipherString.select(cipherString, EVERY_SUITE).suites();
	}

	private static String[] names(String block) {
		return Arrays.stream(block.strip().split("\\s+")).toArray(String[]::new);
	}

}
