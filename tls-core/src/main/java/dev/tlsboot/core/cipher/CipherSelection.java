package dev.tlsboot.core.cipher;

import java.util.List;
import java.util.OptionalInt;

/**
 * What the {@code cipher} option (an OpenSSL cipher string) or the {@code ciphersuites} option (TLS 1.3 suites)
 * selects.
 *
 * @param suites the selected suites by their JSSE names, most preferred first, ready for
 * {@code SSLParameters.setCipherSuites}
 * @param securityLevel the level of an {@code @SECLEVEL=n} in the string, if it has one
 */
public record CipherSelection(List<String> suites, OptionalInt securityLevel) {

	/** Keeps immutable copies of the lists. */
	public CipherSelection {
		suites = List.copyOf(suites);
	}

	/**
	 * Select the suites that an OpenSSL cipher string names, as OpenSSL 3's {@code ciphers(1)} does, restricted to
	 * those available.
	 * @param cipherString an OpenSSL cipher string, e.g. {@code ECDHE+AESGCM:!aNULL}
	 * @param available the suites that may be selected, usually
	 * {@code SSLContext.getSupportedSSLParameters().getCipherSuites()}
	 * @return the selected suites in OpenSSL's order, and the {@code @SECLEVEL} if any
	 * @throws dev.tlsboot.core.option.TlsConfigurationException for option {@code cipher} when the string names
	 * something unknown or selects no available suite
	 */
	public static CipherSelection ofCipherString(String cipherString, List<String> available) {
		return OpenSslCipherString.select(cipherString, available);
	}

	/**
	 * Select TLS 1.3 suites by name, in the order given, as OpenSSL's {@code -ciphersuites} does.
	 * @param ciphersuites e.g. {@code TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384}; blank selects none, which (as
	 * in OpenSSL) leaves TLS 1.3 without suites
	 * @param available the suites the provider supports
	 * @return the JSSE names, without duplicates, and no security level
	 * @throws dev.tlsboot.core.option.TlsConfigurationException for option {@code ciphersuites} when a name is
	 * unknown or not supported
	 */
	public static CipherSelection ofTls13Suites(String ciphersuites, List<String> available) {
		return new CipherSelection(Tls13Suites.select(ciphersuites, available), OptionalInt.empty());
	}

}
