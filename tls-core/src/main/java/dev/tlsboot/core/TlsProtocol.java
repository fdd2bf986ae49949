package dev.tlsboot.core;

/** The protocol versions TclTLS knows, with their option names and JSSE names. */
public enum TlsProtocol {

	SSL2("ssl2", "SSLv2"),

	SSL3("ssl3", "SSLv3"),

	TLS1("tls1", "TLSv1"),

	TLS1_1("tls1.1", "TLSv1.1"),

	TLS1_2("tls1.2", "TLSv1.2"),

	TLS1_3("tls1.3", "TLSv1.3");

	private final String option;

	private final String jsseName;

	TlsProtocol(String option, String jsseName) {
		this.option = option;
		this.jsseName = jsseName;
	}

	/** The TclTLS option that turns this protocol on or off, e.g. {@code tls1.2}. */
	public String option() {
		return this.option;
	}

	/** The JSSE name, e.g. {@code TLSv1.2}. */
	public String jsseName() {
		return this.jsseName;
	}

	/**
	 * @param jsseName a JSSE protocol name such as {@code TLSv1.3}
	 * @return the protocol, or {@code null} when the name is not one of these
	 */
	public static TlsProtocol fromJsseName(String jsseName) {
		for (TlsProtocol protocol : values()) {
			if (protocol.jsseName.equals(jsseName)) {
				return protocol;
			}
		}
		return null;
	}

}
