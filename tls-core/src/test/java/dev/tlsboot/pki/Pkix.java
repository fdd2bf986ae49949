package dev.tlsboot.pki;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/** Chain checks with the JDK's own PKIX validator, as a TLS peer on the JDK would run them. */
final class Pkix {

	private Pkix() {
	}

	/** Validate {@code chain} (leaf first, root excluded) against {@code root}, revocation off. */
	static PKIXCertPathValidatorResult validate(X509Certificate root, List<X509Certificate> chain)
			throws GeneralSecurityException {
		PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
		parameters.setRevocationEnabled(false);
		return (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
			.validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
	}

	static byte[] subjectKeyId(X509Certificate certificate) throws Exception {
		return SubjectKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(certificate).getExtensions())
			.getKeyIdentifier();
	}

	static byte[] authorityKeyId(X509Certificate certificate) throws Exception {
		return AuthorityKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(certificate).getExtensions())
			.getKeyIdentifier();
	}

}
