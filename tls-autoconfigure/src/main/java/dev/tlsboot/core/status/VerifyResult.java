package dev.tlsboot.core.status;

import javax.net.ssl.SSLSession;

/**
 * The outcome of verifying the peer's certificate chain, TclTLS's {@code verifyResult}. JSSE keeps no such value
 * after the handshake, so the trust manager that verified the chain {@linkplain #store stores} it in the handshake
 * session, where {@link TlsStatus} finds it.
 * <p>
 * A resumed session is not verified again. The JDK carries the stored result over from the original session (seen
 * with JDK 17 for TLS 1.2 and 1.3), so it then describes the verification in the original handshake.
 *
 * @param ok whether the chain was accepted
 * @param error why it was rejected, or {@code null} when it was accepted
 */
public record VerifyResult(boolean ok, String error) {

	/** The name under which the result is bound in the session ({@link SSLSession#putValue}). */
	public static final String SESSION_KEY = "dev.tlsboot.verify-result";

	/** The chain was accepted. */
	public static final VerifyResult OK = new VerifyResult(true, null);

	public VerifyResult {
		if (ok && error != null) {
			throw new IllegalArgumentException("An accepted chain has no error, got: " + error);
		}
		if (!ok && (error == null || error.isBlank())) {
			// Trust managers throw exceptions without messages; the status must still say that it failed
			error = "certificate verification failed (no reason given)";
		}
	}

	/**
	 * The chain was rejected.
	 * @param error why, in words a person can act on
	 * @return the result
	 */
	public static VerifyResult failed(String error) {
		return new VerifyResult(false, error);
	}

	/**
	 * Keep a result in the session being negotiated; call it from the trust manager with
	 * {@code socket.getHandshakeSession()} or {@code engine.getHandshakeSession()}.
	 * @param handshakeSession the session of the handshake in progress; nothing happens when {@code null}
	 * @param result the outcome of the verification
	 */
	public static void store(SSLSession handshakeSession, VerifyResult result) {
		if (handshakeSession != null) {
			handshakeSession.putValue(SESSION_KEY, result);
		}
	}

	/**
	 * @param session a session
	 * @return the result stored in it, or {@code null} when no TLS Boot trust manager verified its peer
	 */
	public static VerifyResult of(SSLSession session) {
		return (session != null && session.getValue(SESSION_KEY) instanceof VerifyResult result) ? result : null;
	}

}
