package dev.tlsboot.core.observe;

import java.security.cert.CertificateException;

/**
 * A peer certificate that TLS Boot's verification refused, with the reason in plain words and its kind, so that the
 * handshake failure it causes can be explained without parsing messages.
 */
public class RefusedCertificateException extends CertificateException {

	private final HandshakeFailure.Cause reason;

	public RefusedCertificateException(HandshakeFailure.Cause reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	/** Why the certificate was refused. */
	public HandshakeFailure.Cause reason() {
		return this.reason;
	}

}
