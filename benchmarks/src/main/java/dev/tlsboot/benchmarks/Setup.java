package dev.tlsboot.benchmarks;

import java.util.Locale;

import javax.net.ssl.SSLSession;

import dev.tlsboot.core.option.TlsProtocol;

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
	 * Whether a client certificate was sent is what the server received, not what the client's session says: after
	 * the socket closed, Conscrypt's client session no longer reports its own certificate.
	 * @param session the client's session after its first handshake
	 * @param clientCertificate whether the server received a client certificate
	 * @param suiteChooser the library that chose the TLS 1.3 suite because the implementation cannot be held to the
	 * setup's ({@link Endpoints#tls13SuiteChooser()}), or {@code null}
	 * @return what was negotiated, for the report, e.g. {@code TLSv1.3 TLS_AES_256_GCM_SHA384, client certificate}
	 * or {@code TLSv1.3, suite chosen by BoringSSL: TLS_AES_128_GCM_SHA256}
	 * @throws IllegalStateException when the protocol, the suite or the client certificate differ
	 */
	String check(SSLSession session, boolean clientCertificate, String suiteChooser) {
		boolean chosen = this.cipherSuite != null && suiteChooser != null;
		String negotiated = session.getProtocol() + (chosen ? ", suite chosen by " + suiteChooser + ": " : " ")
				+ session.getCipherSuite() + (clientCertificate ? ", client certificate" : "");
		if (!this.protocol.jsseName().equals(session.getProtocol())
				|| (this.cipherSuite != null && !chosen && !this.cipherSuite.equals(session.getCipherSuite()))
				|| clientCertificate != this.mutual) {
			throw new IllegalStateException("Asked for " + name().toLowerCase(Locale.ROOT)
					+ ((this.cipherSuite != null) ? " " + this.cipherSuite : "") + " but negotiated " + negotiated);
		}
		return negotiated;
	}

}
