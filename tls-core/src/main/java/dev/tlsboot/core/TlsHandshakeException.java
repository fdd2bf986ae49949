package dev.tlsboot.core;

import javax.net.ssl.SSLHandshakeException;

import dev.tlsboot.core.observe.HandshakeFailure;

/**
 * A failed handshake, with the JDK's exception as the cause and a message that says what went wrong and what to
 * do, e.g. {@code TLS handshake with billing.internal:443 failed: host name 'billing.internal' does not match ...}.
 */
public class TlsHandshakeException extends SSLHandshakeException {

	private final transient HandshakeFailure failure;

	/**
	 * A failed handshake, explained; for code that drives a socket or engine itself, as TLS Boot's Netty handlers do.
	 * @param peer the peer, e.g. {@code billing.internal:443}
	 * @param failure the explanation, {@link HandshakeFailure#explain(Throwable)} of {@code cause}
	 * @param cause what the handshake threw
	 */
	public TlsHandshakeException(String peer, HandshakeFailure failure, Throwable cause) {
		super("TLS handshake with " + peer + " failed: " + failure.explanation());
		this.failure = failure;
		initCause(cause);
	}

	/** The kind of failure and its explanation. */
	public HandshakeFailure failure() {
		return this.failure;
	}

}
