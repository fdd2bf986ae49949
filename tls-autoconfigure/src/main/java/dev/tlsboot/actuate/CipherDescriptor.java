package dev.tlsboot.actuate;

import java.util.List;

import dev.tlsboot.core.option.TlsProtocol;
import dev.tlsboot.core.cipher.CipherSuite;

/**
 * One cipher suite as {@code /actuator/tls/ciphers/{protocol}} lists it, like a line of {@code tls::ciphers}.
 *
 * @param name the OpenSSL name, e.g. {@code ECDHE-RSA-AES128-GCM-SHA256} or {@code TLS_AES_128_GCM_SHA256}
 * @param standardName the IANA name, which is also the JSSE name
 * @param id the two-byte IANA code, e.g. {@code 0x1301}
 * @param description the suite as {@code openssl ciphers -v} prints it
 * @param enabled whether the JDK enables it by default
 * @param contexts the TLS Boot contexts that enable it for the protocol
 */
public record CipherDescriptor(String name, String standardName, String id, String description, boolean enabled,
		List<String> contexts) {

	/**
	 * Whether a suite can be negotiated with a protocol: TLS 1.3 suites only with TLS 1.3, the others from the
	 * protocol they were defined for up to TLS 1.2.
	 * @param suite the suite
	 * @param protocol the protocol
	 * @return whether the suite applies
	 */
	static boolean appliesTo(CipherSuite suite, TlsProtocol protocol) {
		if (suite.tls13() || protocol == TlsProtocol.TLS1_3) {
			return suite.protocol() == protocol;
		}
		return protocol.compareTo(suite.protocol()) >= 0;
	}

}
