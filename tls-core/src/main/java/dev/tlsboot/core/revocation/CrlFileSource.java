package dev.tlsboot.core.revocation;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.status.RevocationStatus;

/**
 * The CRLs of {@code crlfile}. A CRL answers for the certificates of the CA that signed it; one past its nextUpdate
 * answers nothing, as the CA has published a newer one by then.
 */
final class CrlFileSource implements RevocationSource {

	/** A CRL with the key of the trusted CA that signed it, so that it answers only for that CA's certificates. */
	private record SignedCrl(X509CRL crl, PublicKey signer) {
	}

	private final String name;

	private final List<SignedCrl> crls;

	/**
	 * @param location the {@code crlfile} option's value, for the answers' source
	 * @param crls the CRLs, each signed by one of {@code anchors} (the material loader checked that)
	 * @param anchors the trusted certificates
	 */
	CrlFileSource(String location, List<X509CRL> crls, List<X509Certificate> anchors) {
		this.name = TlsOption.CRLFILE + " " + location;
		this.crls = new ArrayList<>();
		for (X509CRL crl : crls) {
			for (X509Certificate anchor : anchors) {
				if (anchor.getSubjectX500Principal().equals(crl.getIssuerX500Principal()) && signs(anchor, crl)) {
					this.crls.add(new SignedCrl(crl, anchor.getPublicKey()));
					break;
				}
			}
		}
	}

	private static boolean signs(X509Certificate anchor, X509CRL crl) {
		try {
			crl.verify(anchor.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	@Override
	public RevocationStatus status(X509Certificate certificate, X509Certificate issuer) {
		String issuerName = certificate.getIssuerX500Principal().getName();
		Date now = new Date();
		SignedCrl current = null;
		SignedCrl stale = null;
		for (SignedCrl signed : this.crls) {
			X509CRL crl = signed.crl();
			if (!crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())
					|| !signed.signer().equals(issuer.getPublicKey())) {
				continue;
			}
			if (crl.getNextUpdate() != null && crl.getNextUpdate().before(now)) {
				stale = signed;
				continue;
			}
			X509CRLEntry entry = crl.getRevokedCertificate(certificate);
			if (entry != null) {
				return RevocationStatus.revoked(this.name, crl.getThisUpdate().toInstant(), instant(crl.getNextUpdate()),
						entry.getRevocationDate().toInstant(),
						(entry.getRevocationReason() != null) ? entry.getRevocationReason().name() : null);
			}
			if (current == null || crl.getThisUpdate().after(current.crl().getThisUpdate())) {
				current = signed;
			}
		}
		if (current != null) {
			return RevocationStatus.good(this.name, current.crl().getThisUpdate().toInstant(),
					instant(current.crl().getNextUpdate()));
		}
		if (stale != null) {
			return RevocationStatus.unknown(this.name, "its CRL of '" + issuerName + "' is past its nextUpdate ("
					+ stale.crl().getNextUpdate().toInstant() + "); put the CA's current CRL there");
		}
		return RevocationStatus.unknown(this.name, "it has no CRL of '" + issuerName + "'");
	}

	private static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

}
