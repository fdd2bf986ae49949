package dev.tlsboot.core.status;

import java.security.cert.Certificate;

import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of verifying the peer's certificate chain, TclTLS's {@code verifyResult}. JSSE keeps no such value
 * after the handshake, so the trust manager that verified the chain {@linkplain #store stores} it against the
 * handshake session, where {@link TlsStatus} finds it.
 * <p>
 * It is kept beside the session, weakly and by identity, not in it: a value bound with {@link SSLSession#putValue}
 * stops the JDK's server from issuing stateless TLS 1.2 session tickets ("There are boundValues, cannot make stateless
 * ticket"), and no client could resume; and sessions compare by id, which a TLS 1.2 client and server share. A
 * resumed session is not verified again: a TLS 1.2 client resumes the very session it verified and finds its
 * result, while a TLS 1.3 resumption is a new session object, found by its peer certificate when the provider hands
 * out the object it verified, else {@code null} (not verified in this handshake). Conscrypt's sessions are views
 * made afresh on every call, so there the peer certificate is the key.
 *
 * @param ok whether the chain was accepted
 * @param error why it was rejected, or {@code null} when it was accepted
 */
public record VerifyResult(boolean ok, @Nullable String error) {

	/** Results by session, dropped with the session, and by the peer's certificate (Conscrypt). */
	private static final SessionValues<VerifyResult> RESULTS = new SessionValues<>();

	/** The chain was accepted. */
	public static final VerifyResult OK = new VerifyResult(true, null);

	/** Checks the components. */
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
	 * Keep a result for the session being negotiated; call it from the trust manager with
	 * {@code socket.getHandshakeSession()} or {@code engine.getHandshakeSession()}.
	 * @param handshakeSession the session of the handshake in progress; nothing happens when {@code null}
	 * @param result the outcome of the verification
	 */
	public static void store(@Nullable SSLSession handshakeSession, VerifyResult result) {
		RESULTS.store(handshakeSession, result);
	}

	/**
	 * Keep a result for the session being negotiated and for the peer certificate verified.
	 * @param handshakeSession the session of the handshake in progress, or {@code null}
	 * @param peer the peer's certificate (the first of the chain verified)
	 * @param result the outcome of the verification
	 */
	public static void store(@Nullable SSLSession handshakeSession, Certificate peer, VerifyResult result) {
		RESULTS.store(handshakeSession, peer, result);
	}

	/**
	 * @param session a session
	 * @return the result stored for it, or {@code null} when no TLS Boot trust manager verified its peer
	 */
	public static @Nullable VerifyResult of(SSLSession session) {
		return RESULTS.of(session);
	}

}
