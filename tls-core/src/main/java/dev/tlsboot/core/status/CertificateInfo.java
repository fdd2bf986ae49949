package dev.tlsboot.core.status;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jspecify.annotations.Nullable;


/**
 * One X.509 certificate as TclTLS 2.0's {@code tls::status} and {@code tls::certinfo} describe it, with the same
 * names in camelCase. Everything here is public information from the certificate itself.
 * <p>
 * Hex values are upper case without separators. Names are RFC 2253 strings (most specific RDN first, as
 * {@link X500Principal#RFC2253} and TclTLS 2.0 print them), with {@code emailAddress} spelled out. Algorithm names
 * are OpenSSL's ({@code ecdsa-with-SHA256}, {@code rsaEncryption}), falling back to the JDK's for OIDs OpenSSL
 * would know and this class does not.
 *
 * @param version the X.509 version: 1, 2 or 3
 * @param serialNumber the serial number in hex, an even number of digits, as OpenSSL prints it
 * @param signature the signature algorithm named inside the signed part of the certificate
 * @param issuer the issuer's name
 * @param notBefore the start of the validity period
 * @param notAfter the end of the validity period
 * @param subject the subject's name
 * @param issuerUniqueId the issuer unique ID in hex, or {@code null} (almost always absent)
 * @param subjectUniqueId the subject unique ID in hex, or {@code null} (almost always absent)
 * @param numExtensions how many extensions the certificate has
 * @param extensions the extensions in certificate order
 * @param authorityKeyIdentifier the key identifier of the authority key identifier extension, or {@code null}
 * @param subjectKeyIdentifier the subject key identifier, or {@code null}
 * @param subjectAltName the subject alternative names as OpenSSL prints them: {@code DNS:example.com},
 * {@code IP Address:127.0.0.1}, {@code email:a@example.com}, {@code URI:...}, {@code DirName:...}
 * @param ocsp the OCSP responder URLs of the authority information access extension
 * @param certificate the certificate as PEM
 * @param signatureAlgorithm the algorithm of the issuer's signature over the certificate
 * @param signatureValue the issuer's signature in hex
 * @param publicKeyAlgorithm the algorithm of the subject's public key, e.g. {@code id-ecPublicKey}
 * @param publicKey the subject public key info as PEM ({@code BEGIN PUBLIC KEY})
 * @param bits the key size as OpenSSL counts it (RSA modulus, EC field size, 253 for Ed25519, 456 for Ed448), or
 * {@code null} for other key types
 * @param selfSigned whether subject and issuer are the same and the certificate's own key verifies its signature
 * @param sha1Hash the SHA-1 fingerprint of the DER encoding in hex
 * @param sha256Hash the SHA-256 fingerprint of the DER encoding in hex
 */
public record CertificateInfo(int version, String serialNumber, String signature, String issuer, Instant notBefore,
		Instant notAfter, String subject, @Nullable String issuerUniqueId, @Nullable String subjectUniqueId, int numExtensions,
		List<Extension> extensions, @Nullable String authorityKeyIdentifier, @Nullable String subjectKeyIdentifier,
		List<String> subjectAltName, List<String> ocsp, String certificate, String signatureAlgorithm,
		String signatureValue, String publicKeyAlgorithm, String publicKey, @Nullable Integer bits, boolean selfSigned,
		String sha1Hash, String sha256Hash) {

	private static final Map<String, String> NAME_KEYWORDS = Map.of("1.2.840.113549.1.9.1", "emailAddress");

	/** The general name tags of {@link X509Certificate#getSubjectAlternativeNames()}, as OpenSSL labels them. */
	private static final String[] GENERAL_NAME_LABELS = { "othername", "email", "DNS", "X400Name", "DirName",
			"EdiPartyName", "URI", "IP Address", "Registered ID" };

	/** Keeps immutable copies of the lists. */
	public CertificateInfo {
		extensions = List.copyOf(extensions);
		subjectAltName = List.copyOf(subjectAltName);
		ocsp = List.copyOf(ocsp);
	}

	/**
	 * Describe a certificate.
	 * @param certificate the certificate
	 * @return its description
	 * @throws IllegalArgumentException if the certificate cannot be encoded or parsed
	 */
	public static CertificateInfo of(X509Certificate certificate) {
		try {
			byte[] der = certificate.getEncoded();
			X509CertificateHolder holder = new X509CertificateHolder(der);
			TBSCertificate tbs = holder.toASN1Structure().getTBSCertificate();
			Extensions extensions = holder.getExtensions();
			PublicKey key = certificate.getPublicKey();
			String signatureName = StatusFormat.oidName(certificate.getSigAlgOID(), certificate.getSigAlgName());
			return new CertificateInfo(certificate.getVersion(), serialNumber(certificate.getSerialNumber()),
					StatusFormat.oidName(tbs.getSignature().getAlgorithm().getId(), signatureName),
					name(certificate.getIssuerX500Principal()), certificate.getNotBefore().toInstant(),
					certificate.getNotAfter().toInstant(), name(certificate.getSubjectX500Principal()),
					bitString(tbs.getIssuerUniqueId()), bitString(tbs.getSubjectUniqueId()),
					(extensions != null) ? extensions.getExtensionOIDs().length : 0, extensions(extensions),
					authorityKeyIdentifier(extensions), subjectKeyIdentifier(extensions),
					subjectAltNames(certificate), ocsp(extensions), StatusFormat.pem("CERTIFICATE", der),
					signatureName, StatusFormat.hex(certificate.getSignature()),
					StatusFormat.oidName(holder.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId(),
							key.getAlgorithm()),
					StatusFormat.pem("PUBLIC KEY", key.getEncoded()), bits(key),
					isSelfSigned(certificate), StatusFormat.sha1Hex(der), StatusFormat.sha256Hex(der));
		}
		catch (CertificateEncodingException | CertificateParsingException | IOException ex) {
			throw new IllegalArgumentException(
					"Cannot read certificate " + certificate.getSubjectX500Principal() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Describe each certificate of a chain, keeping the order.
	 * @param chain the certificates, usually leaf first
	 * @return their descriptions
	 */
	public static List<CertificateInfo> of(List<X509Certificate> chain) {
		return chain.stream().map(CertificateInfo::of).toList();
	}

	/**
	 * Whole days from {@code now} until {@link #notAfter()}, rounded towards zero: 0 on the last day, negative once
	 * the certificate has expired.
	 * @param now the moment to count from
	 * @return the days left
	 */
	public long daysLeft(Instant now) {
		return Duration.between(now, this.notAfter).toDays();
	}

	/**
	 * The subject alternative names of a certificate as OpenSSL prints them: {@code DNS:example.com},
	 * {@code IP Address:127.0.0.1}, {@code email:a@example.com}, {@code URI:...}, {@code DirName:...}. Kinds the JDK
	 * hands over only as DER (other names, X.400 and EDI party names) show as {@code <unsupported>}, as OpenSSL does.
	 * @param certificate the certificate
	 * @return the names in certificate order, empty when it has no subjectAltName extension
	 * @throws CertificateParsingException if the extension cannot be parsed
	 */
	public static List<String> subjectAltNames(X509Certificate certificate) throws CertificateParsingException {
		Collection<List<?>> names = certificate.getSubjectAlternativeNames();
		if (names == null) {
			return List.of();
		}
		List<String> result = new ArrayList<>();
		for (List<?> name : names) {
			int tag = (Integer) name.get(0);
			Object value = name.get(1);
			String text = (value instanceof String string) ? string : "<unsupported>";
			result.add(GENERAL_NAME_LABELS[tag] + ":" + text);
		}
		return result;
	}

	/**
	 * One certificate extension.
	 *
	 * @param oid the extension's object identifier
	 * @param name OpenSSL's name for it, e.g. {@code X509v3 Basic Constraints}, or the OID when not known here
	 * @param critical whether the extension is marked critical
	 */
	public record Extension(String oid, String name, boolean critical) {

	}

	private static String serialNumber(BigInteger serial) {
		String hex = serial.abs().toString(16).toUpperCase();
		String even = (hex.length() % 2 != 0) ? "0" + hex : hex;
		return (serial.signum() < 0) ? "-" + even : even;
	}

	private static String name(X500Principal principal) {
		return principal.getName(X500Principal.RFC2253, NAME_KEYWORDS);
	}

	private static String bitString(ASN1BitString bits) {
		return (bits != null) ? StatusFormat.hex(bits.getBytes()) : null;
	}

	private static List<Extension> extensions(Extensions extensions) {
		List<Extension> result = new ArrayList<>();
		if (extensions != null) {
			for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
				result.add(new Extension(oid.getId(), StatusFormat.oidName(oid.getId(), oid.getId()),
						extensions.getExtension(oid).isCritical()));
			}
		}
		return result;
	}

	private static String authorityKeyIdentifier(Extensions extensions) {
		AuthorityKeyIdentifier aki = (extensions != null) ? AuthorityKeyIdentifier.fromExtensions(extensions) : null;
		return (aki != null) ? StatusFormat.hex(aki.getKeyIdentifierOctets()) : null;
	}

	private static String subjectKeyIdentifier(Extensions extensions) {
		SubjectKeyIdentifier ski = (extensions != null) ? SubjectKeyIdentifier.fromExtensions(extensions) : null;
		return (ski != null) ? StatusFormat.hex(ski.getKeyIdentifier()) : null;
	}

	private static List<String> ocsp(Extensions extensions) {
		AuthorityInformationAccess aia = (extensions != null) ? AuthorityInformationAccess.fromExtensions(extensions)
				: null;
		if (aia == null) {
			return List.of();
		}
		List<String> urls = new ArrayList<>();
		for (AccessDescription description : aia.getAccessDescriptions()) {
			GeneralName location = description.getAccessLocation();
			if (AccessDescription.id_ad_ocsp.equals(description.getAccessMethod())
					&& location.getTagNo() == GeneralName.uniformResourceIdentifier) {
				urls.add(((ASN1String) location.getName()).getString());
			}
		}
		return urls;
	}

	private static Integer bits(PublicKey key) {
		if (key instanceof RSAPublicKey rsa) {
			return rsa.getModulus().bitLength();
		}
		if (key instanceof ECPublicKey ec) {
			return ec.getParams().getCurve().getField().getFieldSize();
		}
		if (key instanceof DSAPublicKey dsa) {
			return dsa.getParams().getP().bitLength();
		}
		if (key instanceof EdECPublicKey edec) {
			// The values OpenSSL's EVP_PKEY_get_bits reports for these curves
			return "Ed448".equalsIgnoreCase(edec.getParams().getName()) ? 456 : 253;
		}
		return null;
	}

	/**
	 * Whether a certificate is self-signed as OpenSSL means it: subject and issuer are the same, and the certificate's
	 * own key verifies its signature.
	 * @param certificate the certificate
	 * @return whether it signed itself
	 */
	public static boolean isSelfSigned(X509Certificate certificate) {
		if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
			return false;
		}
		try {
			certificate.verify(certificate.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

}
