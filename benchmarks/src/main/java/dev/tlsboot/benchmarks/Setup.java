package dev.tlsboot.benchmarks;

import java.util.Locale;

import javax.net.ssl.SSLSession;

import dev.tlsboot.core.TlsProtocol;

/**
 * What both ends of a connection are configured with, whatever the implementation.
 *
 * @param protocol the one protocol version both ends enable
 * @param credentials the certificates of both ends and the CA both trust
 * @param mutual whether the server requires a client certificate (mTLS)
 * @param cipherSuite the one TLS 1.3 suite both ends enable, or {@code null} for each implementation's defaults
 */
record Setup(TlsProtocol protocol, Credentials credentials, boolean mutual, String cipherSuite) {

	/** E.g. {@code TLSv1.3 ECDSA P-256 mTLS}. */
	String name() {
		return this.protocol.jsseName() + " " + this.credentials.label() + (this.mutual ? " mTLS" : "");
	}

	/**
	 * Check that a handshake negotiated what this setup asks for, since figures of anything else would mislead.
	 * @param session the client's session after its first handshake
	 * @return what was negotiated, for the report, e.g. {@code TLSv1.3 TLS_AES_256_GCM_SHA384, client certificate}
	 * @throws IllegalStateException when the protocol, the suite or the client certificate differ
	 */
	String check(SSLSession session) {
		boolean clientCertificate = session.getLocalCertificates() != null;
		String negotiated = session.getProtocol() + " " + session.getCipherSuite()
				+ (clientCertificate ? ", client certificate" : "");
		if (!this.protocol.jsseName().equals(session.getProtocol())
				|| (this.cipherSuite != null && !this.cipherSuite.equals(session.getCipherSuite()))
				|| clientCertificate != this.mutual) {
			throw new IllegalStateException("Asked for " + name().toLowerCase(Locale.ROOT)
					+ ((this.cipherSuite != null) ? " " + this.cipherSuite : "") + " but negotiated " + negotiated);
		}
		return negotiated;
	}

}
