package dev.tlsboot.core.option;

import java.util.Optional;

/**
 * The options of a TLS context, by their TclTLS names ({@code cafile}, {@code tls1.2}, {@code security-level}, ...):
 * the one place those names are written. Errors ({@link TlsConfigurationException#option()}), the Spring properties
 * ({@code tls.<name>}) and the {@code tls} endpoint take them from here.
 */
public enum TlsOption {

	/** A PEM bundle of trusted CA certificates. */
	CAFILE("cafile"),

	/** A directory of trusted CA certificates. */
	CADIR("cadir"),

	/** Trust store URIs: {@code system}, {@code java}, {@code file:...p12}. */
	CASTORE("castore"),

	/** The context's certificate chain (PEM, DER) or a PKCS#12/JKS key store. */
	CERTFILE("certfile"),

	/** The context's private key (PEM or DER). */
	KEYFILE("keyfile"),

	/** The context's certificate as bytes. */
	CERT("cert"),

	/** The context's private key as bytes. */
	KEY("key"),

	/** Which entry of a key store to use. */
	KEYALIAS("keyalias"),

	/** The password of an encrypted key or a key store. */
	PASSWORD("password"),

	/** SSL 2.0 on or off (it cannot be turned on). */
	SSL2("ssl2"),

	/** SSL 3.0 on or off (it cannot be turned on). */
	SSL3("ssl3"),

	/** TLS 1.0 on or off. */
	TLS1("tls1"),

	/** TLS 1.1 on or off. */
	TLS1_1("tls1.1"),

	/** TLS 1.2 on or off. */
	TLS1_2("tls1.2"),

	/** TLS 1.3 on or off. */
	TLS1_3("tls1.3"),

	/** The TLS 1.2-and-older suites, as an OpenSSL cipher string. */
	CIPHER("cipher"),

	/** The TLS 1.3 suites, by name. */
	CIPHERSUITES("ciphersuites"),

	/** The key exchange groups, e.g. {@code X25519:P-256}. */
	GROUPS("groups"),

	/** The TLS implementation: {@code jdk}, {@code conscrypt}, {@code openssl} or {@code auto}. */
	PROVIDER("provider"),

	/** The ALPN protocols offered or accepted, most preferred first. */
	ALPN("alpn"),

	/** The SNI host name a client sends. */
	SERVERNAME("servername"),

	/** Whether a client sends the host it connects to as SNI. */
	AUTOSERVERNAME("autoservername"),

	/** Whether the peer is asked for a certificate. */
	REQUEST("request"),

	/** Whether a peer without a valid certificate (and, on a client, a matching host) is refused. */
	REQUIRE("require"),

	/** OpenSSL 3's security level, 0 to 5. */
	SECURITY_LEVEL("security-level"),

	/** How long a handshake may take. */
	HANDSHAKE_TIMEOUT("handshake-timeout"),

	/** Whether TLS 1.3 post-handshake client authentication is offered. */
	POST_HANDSHAKE("post-handshake"),

	/** Certificate revocation lists (PEM or DER), a file or a directory of them. */
	CRLFILE("crlfile"),

	/** Whether and how strictly peer certificates are checked for revocation: {@code off}, {@code soft}, {@code hard}. */
	REVOCATION("revocation"),

	/** Which certificates are checked for revocation: {@code chain} (all below the trust anchor) or {@code leaf}. */
	REVOCATION_SCOPE("revocation-scope"),

	/** How long one fetch of an OCSP response or a CRL may take. */
	REVOCATION_TIMEOUT("revocation-timeout"),

	/** Whether OCSP responders are asked about peer certificates. */
	REVOCATION_OCSP("revocation-ocsp"),

	/** Whether the CRLs at the distribution points certificates name are fetched. */
	REVOCATION_CRLDP("revocation-crldp"),

	/** Whether a server staples the OCSP response about its own certificate to its handshakes. */
	OCSP_STAPLING("ocsp-stapling"),

	/** The OCSP responder to ask instead of the one a certificate names. */
	OCSP_RESPONDER("ocsp-responder");

	private final String optionName;

	TlsOption(String optionName) {
		this.optionName = optionName;
	}

	/** The TclTLS name, e.g. {@code security-level}: the key under {@code tls.} in Spring properties. */
	public String optionName() {
		return this.optionName;
	}

	/**
	 * The option of a TclTLS name.
	 * @param optionName e.g. {@code tls1.2}
	 * @return the option, or empty when no option has that name
	 */
	public static Optional<TlsOption> forName(String optionName) {
		for (TlsOption option : values()) {
			if (option.optionName.equals(optionName)) {
				return Optional.of(option);
			}
		}
		return Optional.empty();
	}

	/** The TclTLS name, as in error messages. */
	@Override
	public String toString() {
		return this.optionName;
	}

}
