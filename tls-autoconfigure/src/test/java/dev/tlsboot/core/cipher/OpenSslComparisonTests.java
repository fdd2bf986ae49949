package dev.tlsboot.core.cipher;

import java.security.NoSuchAlgorithmException;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Compares {@link OpenSslCipherString} with the {@code openssl} command line: same suites, same order, restricted to
 * the suites this JDK supports.
 */
class OpenSslComparisonTests {

	private static List<String> jdkSuites;

	@BeforeAll
	static void requireOpenSsl() throws NoSuchAlgorithmException {
		assumeTrue(OpenSslCli.available(), "the openssl 3 command line is needed as the reference");
		jdkSuites = List.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
	}

	@ParameterizedTest
	@ValueSource(strings = { "DEFAULT", "ALL", "HIGH", "HIGH:!aNULL:!MD5", "DEFAULT:-kRSA", "ECDHE+AESGCM",
			"ECDHE:+AES128", "ECDHE:@STRENGTH", "kRSA+SHA1:-AES256:DHE-RSA-AES256-SHA:AES256-SHA",
			"aECDSA+CHACHA20:aECDSA+AESGCM", "DEFAULT:!AES128:!SHA1", "RSA+AESGCM:ECDHE:-kECDHE+SHA1:+kRSA",
			"DHE+AESGCM:-DHE+AES128:ALL+AES128+AESGCM", "EECDH+AESGCM:EDH+AESGCM:AES256+EECDH:AES256+EDH",
			"TLSv1.2:+SHA384:+AES128", "SSLv3:TLSv1:@STRENGTH", "aRSA:-SHA256:DSS:SHA256", "DEFAULT:ADH:eNULL" })
	void sameSuitesInTheSameOrderAsOpenSsl(String cipherString) {
		List<String> expected = OpenSslCli.ciphers(cipherString).stream()
			.filter((name) -> jdkSuites.contains(name) && !CipherSuite.named(name).orElseThrow().tls13())
			.toList();
		assertThat(OpenSslCipherString.select(cipherString, jdkSuites).suites()).isEqualTo(expected);
	}

}
