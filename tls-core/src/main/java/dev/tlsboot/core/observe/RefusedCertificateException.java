package dev.tlsboot.core.observe;

import java.security.cert.CertificateException;

import org.jspecify.annotations.Nullable;

/**
 * A peer certificate that TLS Boot's verification refused, with the reason in plain words and its kind, so that the
 * handshake failure it causes can be explained without parsing messages.
 */
public class RefusedCertificateException extends CertificateException {

	private final HandshakeFailure.Cause reason;

	/**
	 * @param reason the kind of refusal, as the handshake failure will report it
	 * @param message what was refused and why, in plain words
	 * @param cause the underlying failure, or {@code null}
	 */
	public RefusedCertificateException(HandshakeFailure.Cause reason, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	/** Why the certificate was refused. */
	public HandshakeFailure.Cause reason() {
		return this.reason;
	}

}
