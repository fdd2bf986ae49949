package dev.tlsboot.core.revocation;

import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.status.RevocationStatus;

/** What one CRL, already known to be signed by the certificate's issuer, says about a certificate. */
final class CrlAnswer {

	private CrlAnswer() {
	}

	/**
	 * @param crl a CRL of the certificate's issuer
	 * @param certificate the certificate asked about
	 * @param source where the CRL came from, for the answer
	 * @return revoked or good; unknown when the CRL is past its nextUpdate (the CA has published a newer one)
	 */
	static RevocationStatus of(X509CRL crl, X509Certificate certificate, String source) {
		if (isStale(crl)) {
			return RevocationStatus.unknown(source, "its CRL of '" + crl.getIssuerX500Principal().getName()
					+ "' is past its nextUpdate (" + crl.getNextUpdate().toInstant() + ")");
		}
		X509CRLEntry entry = crl.getRevokedCertificate(certificate);
		if (entry != null) {
			return RevocationStatus.revoked(source, crl.getThisUpdate().toInstant(), instant(crl.getNextUpdate()),
					entry.getRevocationDate().toInstant(),
					(entry.getRevocationReason() != null) ? entry.getRevocationReason().name() : null);
		}
		return RevocationStatus.good(source, crl.getThisUpdate().toInstant(), instant(crl.getNextUpdate()));
	}

	static boolean isStale(X509CRL crl) {
		return crl.getNextUpdate() != null && crl.getNextUpdate().before(new Date());
	}

	static @Nullable Instant instant(@Nullable Date date) {
		return (date != null) ? date.toInstant() : null;
	}

}
