package dev.tlsboot.core.status;

import java.security.cert.Certificate;
import java.time.Instant;

import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;

/**
 * What one source, or all of them together, said about whether a certificate is revoked.
 *
 * @param state good, revoked or unknown
 * @param source where the answer came from, e.g. {@code crlfile /etc/tls/crl.pem}; for an unknown state, every
 * source tried
 * @param thisUpdate when the answer was made (a CRL's or OCSP response's thisUpdate), or {@code null}
 * @param nextUpdate until when it is current, or {@code null} when it does not say
 * @param revocationDate when the certificate was revoked, or {@code null} unless revoked
 * @param detail the reason of a revocation (e.g. {@code KEY_COMPROMISE}), or why the state is unknown; {@code null}
 * for a good state
 */
public record RevocationStatus(State state, String source, @Nullable Instant thisUpdate, @Nullable Instant nextUpdate,
		@Nullable Instant revocationDate, @Nullable String detail) {

	/** The status of each checked peer, beside its session as {@link VerifyResult}s are. */
	private static final SessionValues<RevocationStatus> CHECKED = new SessionValues<>();

	/** The three answers a revocation source can give. */
	public enum State {

		/** Not revoked, as of {@code thisUpdate}. */
		GOOD,
		/** Revoked. */
		REVOKED,
		/** No answer: no source covers the certificate, or none could be reached. */
		UNKNOWN

	}

	/**
	 * A good answer.
	 * @param source where it came from
	 * @param thisUpdate when it was made
	 * @param nextUpdate until when it is current, or {@code null}
	 * @return the status
	 */
	public static RevocationStatus good(String source, Instant thisUpdate, @Nullable Instant nextUpdate) {
		return new RevocationStatus(State.GOOD, source, thisUpdate, nextUpdate, null, null);
	}

	/**
	 * A revoked answer.
	 * @param source where it came from
	 * @param thisUpdate when the answer was made
	 * @param nextUpdate until when it is current, or {@code null}
	 * @param revocationDate when the certificate was revoked
	 * @param reason the revocation reason, or {@code null} when none was given
	 * @return the status
	 */
	public static RevocationStatus revoked(String source, Instant thisUpdate, @Nullable Instant nextUpdate,
			Instant revocationDate, @Nullable String reason) {
		return new RevocationStatus(State.REVOKED, source, thisUpdate, nextUpdate, revocationDate,
				(reason != null) ? reason : "UNSPECIFIED");
	}

	/**
	 * Keep the status of the peer's certificate for the session being negotiated, for {@link TlsStatus}.
	 * @param handshakeSession the session of the handshake in progress, or {@code null}
	 * @param peer the peer's certificate
	 * @param status what the sources said about it
	 */
	public static void store(@Nullable SSLSession handshakeSession, Certificate peer, RevocationStatus status) {
		CHECKED.store(handshakeSession, peer, status);
	}

	/**
	 * @param session a session
	 * @return the revocation status of its peer's certificate, or {@code null} when it was not checked
	 */
	public static @Nullable RevocationStatus of(SSLSession session) {
		return CHECKED.of(session);
	}

	/**
	 * No answer.
	 * @param source the source asked
	 * @param why why it could not tell, in words a person can act on
	 * @return the status
	 */
	public static RevocationStatus unknown(String source, String why) {
		return new RevocationStatus(State.UNKNOWN, source, null, null, null, why);
	}

}
