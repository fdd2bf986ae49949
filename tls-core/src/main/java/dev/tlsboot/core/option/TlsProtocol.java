package dev.tlsboot.core.option;

import org.jspecify.annotations.Nullable;

/** The protocol versions TclTLS knows, with their option names and JSSE names. */
public enum TlsProtocol {

	/** SSL 2.0: never turned on. */
	SSL2(TlsOption.SSL2, "SSLv2"),

	/** SSL 3.0: never turned on. */
	SSL3(TlsOption.SSL3, "SSLv3"),

	/** TLS 1.0: only at security level 0. */
	TLS1(TlsOption.TLS1, "TLSv1"),

	/** TLS 1.1: only at security level 0. */
	TLS1_1(TlsOption.TLS1_1, "TLSv1.1"),

	/** TLS 1.2. */
	TLS1_2(TlsOption.TLS1_2, "TLSv1.2"),

	/** TLS 1.3. */
	TLS1_3(TlsOption.TLS1_3, "TLSv1.3");

	private final TlsOption option;

	private final String jsseName;

	TlsProtocol(TlsOption option, String jsseName) {
		this.option = option;
		this.jsseName = jsseName;
	}

	/** The TclTLS option that turns this protocol on or off, e.g. {@code tls1.2}. */
	public TlsOption option() {
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
	public static @Nullable TlsProtocol fromJsseName(String jsseName) {
		for (TlsProtocol protocol : values()) {
			if (protocol.jsseName.equals(jsseName)) {
				return protocol;
			}
		}
		return null;
	}

}
