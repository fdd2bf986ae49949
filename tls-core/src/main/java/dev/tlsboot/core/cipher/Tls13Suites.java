package dev.tlsboot.core.cipher;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;

/**
 * Reads the {@code ciphersuites} option: TLS 1.3 suites by name, separated by {@code :}, as in OpenSSL's
 * {@code -ciphersuites}. TLS 1.3 has no aliases; the names are the same in OpenSSL and JSSE.
 */
final class Tls13Suites {

	/** Every TLS 1.3 suite of RFC 8446, whether or not this JDK supports it. */
	private static final List<String> KNOWN = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
			"TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256");

	private Tls13Suites() {
	}

	/**
	 * Select the named TLS 1.3 suites, in the order given.
	 * @param ciphersuites e.g. {@code TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384}; blank selects none, which
	 * (as in OpenSSL) leaves TLS 1.3 without suites
	 * @param available the suites the JDK supports, usually
	 * {@code SSLContext.getSupportedSSLParameters().getCipherSuites()}
	 * @return the JSSE names, without duplicates
	 * @throws TlsConfigurationException for option {@code ciphersuites} when a name is unknown or the JDK does not
	 * support it
	 */
	static List<String> select(String ciphersuites, List<String> available) {
		Objects.requireNonNull(ciphersuites, "ciphersuites");
		List<String> supported = KNOWN.stream().filter(available::contains).toList();
		List<String> selected = new ArrayList<>();
		for (String name : ciphersuites.split(":")) {
			String suite = name.strip();
			if (!suite.isEmpty() && !selected.contains(suite)) {
				selected.add(checked(suite, supported));
			}
		}
		return List.copyOf(selected);
	}

	private static String checked(String suite, List<String> supported) {
		if (!KNOWN.contains(suite)) {
			throw new TlsConfigurationException(TlsOption.CIPHERSUITES, null, "unknown TLS 1.3 cipher suite '" + suite + "'.",
					"Use names from " + supported + " separated by ':'; TLS 1.2 suites belong in 'cipher'.");
		}
		if (!supported.contains(suite)) {
			throw new TlsConfigurationException(TlsOption.CIPHERSUITES, null,
					"this JDK does not support the TLS 1.3 cipher suite '" + suite + "'.",
					"Use names from " + supported + " separated by ':'.");
		}
		return suite;
	}

}
