package dev.tlsboot.core.revocation;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
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
	public String kind() {
		return "crlfile";
	}

	@Override
	public RevocationStatus status(X509Certificate certificate, X509Certificate issuer) {
		RevocationStatus best = null;
		for (SignedCrl signed : this.crls) {
			X509CRL crl = signed.crl();
			if (!crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())
					|| !signed.signer().equals(issuer.getPublicKey())) {
				continue;
			}
			RevocationStatus answer = CrlAnswer.of(crl, certificate, this.name);
			if (answer.state() == RevocationStatus.State.REVOKED) {
				return answer;
			}
			// Of several CRLs of one CA, the newest current one answers; a stale one only when there is no other.
			if (best == null || best.state() == RevocationStatus.State.UNKNOWN
					|| (answer.state() == RevocationStatus.State.GOOD && answer.thisUpdate().isAfter(best.thisUpdate()))) {
				best = answer;
			}
		}
		if (best != null) {
			return (best.state() == RevocationStatus.State.UNKNOWN)
					? RevocationStatus.unknown(this.name, best.detail() + "; put the CA's current CRL there") : best;
		}
		return RevocationStatus.unknown(this.name,
				"it has no CRL of '" + certificate.getIssuerX500Principal().getName() + "'");
	}

}
