package dev.tlsboot.core.cipher;

import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tlsboot.testing.OpenSslCli;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares {@link OpenSslCipherString} with the {@code openssl} command line: same suites, same order, restricted to
 * the suites this JDK supports; and the table behind {@link CipherSuite} with what {@code openssl ciphers -V} says.
 */
class OpenSslComparisonTests {

	private static List<String> jdkSuites;

	@BeforeAll
	static void requireOpenSsl() throws NoSuchAlgorithmException {
		OpenSslCli.assumeOpenSsl3();
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

	@Test
	void everySuiteHasOpenSslsCodeAndDescription() {
		String listing = OpenSslCli.openssl(Path.of("."), "ciphers", "-V", "-stdname", "ALL:COMPLEMENTOFALL:@SECLEVEL=0")
			.checked();
		Map<String, String[]> byName = listing.lines()
			.map((line) -> line.trim().split(" - "))
			.collect(Collectors.toMap((columns) -> columns[1].trim(), (columns) -> columns));
		assertThat(CipherSuite.all()).isNotEmpty().allSatisfy((suite) -> {
			String[] columns = byName.get(suite.jsseName());
			assertThat(suite.id()).as(suite.jsseName()).isEqualTo(columns[0].replace(",0x", ""));
			assertThat(suite.description()).isEqualTo(columns[2].stripTrailing());
		});
	}

}
