package dev.tlsboot.core;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;

import dev.tlsboot.core.observe.HandshakeFailure.Cause;

/**
 * Why a peer's chain reaches no trusted CA, told from what its last certificate says about its issuer. A CA of the
 * issuer's name that is trusted but did not sign it, or a chain that ends at its own root, is an unknown CA. A
 * missing issuer is another matter: the peer may have left out an intermediate below a trusted root, or come from a
 * CA unknown here, and a certificate alone does not say which (OpenSSL reports both as "unable to get local issuer
 * certificate"). A certificate that names where its issuer is published (AIA caIssuers), as those of intermediate CAs
 * do, makes the intermediate likely; with nothing that relates the issuer to what is trusted, it is an unknown CA.
 */
final class UntrustedChain {

	private UntrustedChain() {
	}

	/**
	 * @param chain the peer's chain, leaf first
	 * @param anchors the CAs trusted here
	 * @param failure the JDK's refusal, kept as the cause
	 * @return the refusal, explained
	 */
	static CertificateException refusal(X509Certificate[] chain, List<X509Certificate> anchors,
			CertificateException failure) {
		String leaf = "certificate '" + chain[0].getSubjectX500Principal().getName() + "' does not chain to a "
				+ "trusted CA: ";
		X509Certificate top = chain[chain.length - 1];
		String issuer = "'" + top.getIssuerX500Principal().getName() + "'";
		List<X509Certificate> namesakes = anchors.stream()
			.filter((anchor) -> anchor.getSubjectX500Principal().equals(top.getIssuerX500Principal()))
			.toList();
		if (namesakes.stream().anyMatch((anchor) -> signedBy(top, anchor))) {
			// A trusted CA did sign it: the path failed on something else, which the JDK's message tells
			return failure;
		}
		if (!namesakes.isEmpty()) {
			return VerifyingTrustManager.refused(Cause.UNKNOWN_CA, leaf + "it was issued by a CA named " + issuer
					+ ", and a CA of that name is trusted here, but not the one that signed it (another key: a CA "
					+ "made again, or another environment's). Trust the peer's " + issuer + " as well (add it to "
					+ "'cafile'), or give the peer a certificate from the CA trusted here.", failure);
		}
		String last = "the chain sent ends at '" + top.getSubjectX500Principal().getName() + "', issued by " + issuer;
		if (top.getSubjectX500Principal().equals(top.getIssuerX500Principal())) {
			return VerifyingTrustManager.refused(Cause.UNKNOWN_CA, leaf + last + ", which is not trusted here. Add "
					+ issuer + " to 'cafile' (or 'cadir', 'castore') if you trust it.", failure);
		}
		Optional<String> published = caIssuers(top);
		if (published.isPresent()) {
			return VerifyingTrustManager.refused(Cause.MISSING_INTERMEDIATE, leaf + last + ", which the peer did not "
					+ "send and which is not trusted here; the certificate names where its issuer is published ("
					+ published.get() + "), as certificates of intermediate CAs do. The peer must send " + issuer
					+ " after its certificate (append it to its 'certfile'); if it is a CA you trust, add it to "
					+ "'cafile'.", failure);
		}
		return VerifyingTrustManager.refused(Cause.UNKNOWN_CA, leaf + last + ", which the peer did not send and to "
				+ "which nothing trusted here relates (no trusted CA has its name). Add " + issuer + " to 'cafile' "
				+ "(or 'cadir', 'castore') if you trust it; if it is an intermediate CA, the peer must send it after "
				+ "its certificate.", failure);
	}

	private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
		try {
			certificate.verify(issuer.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	/** The caIssuers URL of the certificate's authorityInfoAccess extension, if it has one. */
	private static Optional<String> caIssuers(X509Certificate certificate) {
		byte[] extension = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
		if (extension == null) {
			return Optional.empty();
		}
		AuthorityInformationAccess access;
		try {
			access = AuthorityInformationAccess.getInstance(ASN1OctetString.getInstance(extension).getOctets());
		}
		catch (IllegalArgumentException ex) {
			// A malformed extension tells nothing about the issuer
			return Optional.empty();
		}
		return Arrays.stream(access.getAccessDescriptions())
			.filter((description) -> description.getAccessMethod().equals(AccessDescription.id_ad_caIssuers))
			.map(AccessDescription::getAccessLocation)
			.filter((location) -> location.getTagNo() == GeneralName.uniformResourceIdentifier)
			.map((location) -> location.getName().toString())
			.findFirst();
	}

}
