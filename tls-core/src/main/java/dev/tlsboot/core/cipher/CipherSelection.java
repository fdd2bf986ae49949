package dev.tlsboot.core.cipher;

import java.util.List;
import java.util.OptionalInt;

/**
 * What an OpenSSL cipher string selects.
 *
 * @param suites the selected suites by their JSSE names, most preferred first, ready for
 * {@code SSLParameters.setCipherSuites}
 * @param securityLevel the level of an {@code @SECLEVEL=n} in the string, if it has one
 */
public record CipherSelection(List<String> suites, OptionalInt securityLevel) {

	public CipherSelection {
		suites = List.copyOf(suites);
	}

}
