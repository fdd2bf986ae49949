package dev.tlsboot.core.revocation;

import java.time.Instant;

import dev.tlsboot.core.status.RevocationStatus;

/**
 * What an OCSP responder said about one certificate, as a context's revocation check keeps it until its nextUpdate.
 *
 * @param responder the responder's URL
 * @param issuer the certificate's issuer
 * @param serial the certificate's serial number, hexadecimal
 * @param status what the responder said, with thisUpdate and nextUpdate; {@code UNKNOWN} with the reason when it
 * gave no answer (a failure is kept briefly, so that a dead responder is not asked on every handshake)
 * @param expires until when it is kept
 */
public record OcspCacheEntry(String responder, String issuer, String serial, RevocationStatus status,
		Instant expires) {
}
