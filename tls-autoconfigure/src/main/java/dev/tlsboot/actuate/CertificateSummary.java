package dev.tlsboot.actuate;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.tlsboot.core.status.CertificateInfo;

/**
 * The parts of a {@link CertificateInfo} that tell which certificate it is and how long it stays valid, as the
 * {@code tls} endpoint and health indicator show it.
 *
 * @param subject the subject's name
 * @param issuer the issuer's name
 * @param serialNumber the serial number in hex
 * @param notBefore the start of the validity period
 * @param notAfter the end of the validity period
 * @param daysLeft whole days until {@code notAfter}, negative once expired
 * @param validity where the certificate is in its validity period
 * @param subjectAltName the subject alternative names as OpenSSL prints them
 * @param sha256Hash the SHA-256 fingerprint
 */
public record CertificateSummary(String subject, String issuer, String serialNumber, Instant notBefore,
		Instant notAfter, long daysLeft, Validity validity, List<String> subjectAltName, String sha256Hash) {

	/** Where a certificate is in its validity period. */
	public enum Validity {

		/** Valid, and for longer than the warning threshold. */
		VALID,
		/** Valid, but expires within the warning threshold. */
		EXPIRING_SOON,
		/** Past its {@code notAfter}. */
		EXPIRED,
		/** Before its {@code notBefore}. */
		NOT_YET_VALID;

		/** Whether a peer would accept the certificate now. */
		public boolean valid() {
			return this == VALID || this == EXPIRING_SOON;
		}

	}

	/**
	 * Summarize a certificate.
	 * @param certificate the certificate
	 * @param now the moment to judge it at
	 * @param warningThreshold how long before {@code notAfter} it counts as {@link Validity#EXPIRING_SOON}
	 * @return the summary
	 */
	public static CertificateSummary of(X509Certificate certificate, Instant now, Duration warningThreshold) {
		CertificateInfo info = CertificateInfo.of(certificate);
		return new CertificateSummary(info.subject(), info.issuer(), info.serialNumber(), info.notBefore(),
				info.notAfter(), info.daysLeft(now), validity(info, now, warningThreshold), info.subjectAltName(),
				info.sha256Hash());
	}

	/**
	 * Summarize each certificate of a chain, keeping the order.
	 * @param chain the certificates
	 * @param now the moment to judge them at
	 * @param warningThreshold how long before {@code notAfter} a certificate counts as expiring soon
	 * @return the summaries
	 */
	public static List<CertificateSummary> of(List<X509Certificate> chain, Instant now, Duration warningThreshold) {
		return chain.stream().map((certificate) -> of(certificate, now, warningThreshold)).toList();
	}

	private static Validity validity(CertificateInfo info, Instant now, Duration warningThreshold) {
		if (now.isBefore(info.notBefore())) {
			return Validity.NOT_YET_VALID;
		}
		if (now.isAfter(info.notAfter())) {
			return Validity.EXPIRED;
		}
		return now.plus(warningThreshold).isAfter(info.notAfter()) ? Validity.EXPIRING_SOON : Validity.VALID;
	}

}
