package dev.tlsboot.pki;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * PKCS#10 certificate signing requests: create one for a key pair, as a client of a CA does; the CA side is
 * {@link CertificateAuthority#signRequest(String)}.
 * <pre>{@code
 * KeyPair keys = KeyType.EC_P256.generate();
 * String csr = CertificateRequests.create(keys, "alice", "alice.example.com");
 * }</pre>
 */
public final class CertificateRequests {

	private CertificateRequests() {
	}

	/**
	 * A CSR signed with the key pair's private key.
	 * @param keyPair the key pair to certify
	 * @param commonName the subject's CN
	 * @param subjectAltNames DNS names and IP literals to request in an extensionRequest attribute, if any
	 * @return the CSR as PEM ({@code BEGIN CERTIFICATE REQUEST})
	 */
	public static String create(KeyPair keyPair, String commonName, String... subjectAltNames) {
		X500Name subject = CertificateSigner.commonName(commonName);
		JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(subject,
				keyPair.getPublic());
		if (subjectAltNames.length > 0) {
			List<GeneralName> names = Arrays.stream(subjectAltNames).map(CertificateSigner::hostName).toList();
			Extensions extensions = new Extensions(CertificateSigner.subjectAltNames(names, subject));
			builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions);
		}
		String algorithm = KeyType.of(keyPair.getPublic()).signatureAlgorithm();
		try {
			ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(keyPair.getPrivate());
			return Pem.write(List.of(builder.build(signer)));
		}
		catch (OperatorCreationException ex) {
			throw new IllegalStateException("Cannot sign a certificate request for '" + subject + "'", ex);
		}
	}

	/**
	 * The request's public key, once its self-signature is checked: proof that the requester holds the private key
	 * and that nobody changed the request on the way.
	 */
	static PublicKey verifiedPublicKey(PKCS10CertificationRequest request) {
		String what = "The certificate request for '" + request.getSubject() + "'";
		try {
			// Converted by BC's name table first: the JDK has no KeyFactory under the EC key OID.
			PublicKey key = new JcaPEMKeyConverter().getPublicKey(request.getSubjectPublicKeyInfo());
			if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
				throw new IllegalArgumentException(what + " has a bad signature: it was altered, or not signed with "
						+ "the key it holds. Ask the requester for a new one");
			}
			return key;
		}
		catch (OperatorCreationException | PKCSException | PEMException ex) {
			throw new IllegalArgumentException(what + " cannot be verified: " + ex.getMessage(), ex);
		}
	}

	/** The subjectAltNames the request asks for in its extensionRequest attribute; empty when none. */
	static List<GeneralName> requestedSubjectAltNames(PKCS10CertificationRequest request) {
		Extensions extensions = request.getRequestedExtensions();
		GeneralNames names = (extensions != null)
				? GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName) : null;
		return (names != null) ? List.of(names.getNames()) : List.of();
	}

}
