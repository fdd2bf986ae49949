package dev.tlsboot.core;

import javax.net.ssl.SSLHandshakeException;

import dev.tlsboot.core.observe.HandshakeFailure;

/**
 * A failed handshake, with the JDK's exception as the cause and a message that says what went wrong and what to
 * do, e.g. {@code TLS handshake with billing.internal:443 failed: host name 'billing.internal' does not match ...}.
 */
public class TlsHandshakeException extends SSLHandshakeException {

	private final transient HandshakeFailure failure;

	TlsHandshakeException(String peer, HandshakeFailure failure, Throwable cause) {
		super("TLS handshake with " + peer + " failed: " + failure.explanation());
		this.failure = failure;
		initCause(cause);
	}

	/** The kind of failure and its explanation. */
	public HandshakeFailure failure() {
		return this.failure;
	}

}
