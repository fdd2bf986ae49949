package dev.tlsboot.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;
import org.jspecify.annotations.Nullable;

/**
 * Signs X.509 v3 certificates and makes the extensions this package puts on them. Every certificate gets a random
 * serial, a subject key identifier and an authority key identifier.
 */
final class CertificateSigner {

	/** Key usages of a CA: it signs certificates and CRLs, nothing else. */
	static final int CA_KEY_USAGE = KeyUsage.keyCertSign | KeyUsage.cRLSign;

	private static final SecureRandom RANDOM = new SecureRandom();

	private CertificateSigner() {
	}

	/**
	 * Sign a certificate.
	 * @param subject the subject's name
	 * @param subjectKey the key certified
	 * @param issuer the issuer's certificate, or {@code null} for a self-signed certificate
	 * @param issuerKey the key that signs
	 * @param signatureAlgorithm the JCA signature algorithm
	 * @param notBefore start of validity
	 * @param notAfter end of validity
	 * @param extensions the extensions besides the key identifiers
	 * @return the certificate
	 */
	static X509Certificate sign(X500Name subject, PublicKey subjectKey, @Nullable X509Certificate issuer, PrivateKey issuerKey,
			String signatureAlgorithm, Instant notBefore, Instant notAfter, List<Extension> extensions) {
		try {
			JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
			// The issuer name is copied byte for byte, so that path building never depends on string encodings.
			X500Name issuerName = (issuer != null) ? X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded())
					: subject;
			byte[] authorityKeyId = (issuer != null) ? keyIdentifier(issuer, utils)
					: utils.createSubjectKeyIdentifier(subjectKey).getKeyIdentifier();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serialNumber(),
					Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
			builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
			builder.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(authorityKeyId));
			for (Extension extension : extensions) {
				builder.addExtension(extension);
			}
			return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(issuerKey)));
		}
		catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
			throw new IllegalStateException("Cannot issue a certificate for '" + subject + "'", ex);
		}
	}

	/**
	 * A positive serial of up to 159 random bits: RFC 5280 allows 20 octets, and DER needs the top bit for the sign.
	 */
	static BigInteger serialNumber() {
		BigInteger serial;
		do {
			serial = new BigInteger(159, RANDOM);
		}
		while (serial.signum() == 0);
		return serial;
	}

	/** A subject that is just a common name; the builder escapes what the CN holds ({@code ,}, {@code +}, ...). */
	static X500Name commonName(String commonName) {
		return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
	}

	/**
	 * A name for the subjectAltName extension: an IP address for an IPv4 or IPv6 literal (brackets allowed), a DNS
	 * name otherwise.
	 */
	static GeneralName hostName(String name) {
		String unbracketed = (name.startsWith("[") && name.endsWith("]")) ? name.substring(1, name.length() - 1) : name;
		if (IPAddress.isValidIPv4(unbracketed) || IPAddress.isValidIPv6(unbracketed)) {
			return new GeneralName(GeneralName.iPAddress, unbracketed);
		}
		return new GeneralName(GeneralName.dNSName, name);
	}

	/** id-pe-tlsfeature. */
	static final ASN1ObjectIdentifier TLS_FEATURE = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.24");

	/** The TLS extension status_request, as a TLS feature. */
	static final int STATUS_REQUEST = 5;

	static Extension basicConstraints(BasicConstraints constraints) {
		return extension(Extension.basicConstraints, true, constraints);
	}

	static Extension keyUsage(int usages) {
		return extension(Extension.keyUsage, true, new KeyUsage(usages));
	}

	/** What a leaf key is for: RSA keys may also be encrypted to (TLS 1.2 RSA key exchange); others only sign. */
	static int leafKeyUsage(PublicKey key) {
		return "RSA".equals(key.getAlgorithm()) ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
				: KeyUsage.digitalSignature;
	}

	static Extension extendedKeyUsage(List<KeyPurposeId> purposes) {
		return extension(Extension.extendedKeyUsage, false,
				new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
	}

	/** RFC 5280 4.2.1.6: the extension is critical when the subject is empty, since the names are all there is. */
	static Extension subjectAltNames(List<GeneralName> names, X500Name subject) {
		boolean critical = subject.getRDNs().length == 0;
		return extension(Extension.subjectAlternativeName, critical,
				new GeneralNames(names.toArray(GeneralName[]::new)));
	}

	static Extension crlDistributionPoint(String url) {
		DistributionPointName name = new DistributionPointName(new GeneralNames(uri(url)));
		return extension(Extension.cRLDistributionPoints, false,
				new CRLDistPoint(new DistributionPoint[] { new DistributionPoint(name, null, null) }));
	}

	/** The TLS feature extension (RFC 7633) naming status_request: "must-staple". */
	static Extension mustStaple() {
		return extension(TLS_FEATURE, false, new DERSequence(new ASN1Integer(STATUS_REQUEST)));
	}

	/**
	 * The authorityInfoAccess extension: where relying parties ask about revocation, where they fetch the issuer's
	 * certificate; {@code null} leaves either out.
	 */
	static Extension authorityInfoAccess(@Nullable String ocspResponder, @Nullable String caIssuers) {
		List<AccessDescription> access = new ArrayList<>();
		if (ocspResponder != null) {
			access.add(new AccessDescription(AccessDescription.id_ad_ocsp, uri(ocspResponder)));
		}
		if (caIssuers != null) {
			access.add(new AccessDescription(AccessDescription.id_ad_caIssuers, uri(caIssuers)));
		}
		return extension(Extension.authorityInfoAccess, false,
				new AuthorityInformationAccess(access.toArray(AccessDescription[]::new)));
	}

	private static GeneralName uri(String url) {
		if (!URI.create(url).isAbsolute()) {
			throw new IllegalArgumentException("'" + url + "' is not an absolute URL such as http://ca.example/crl");
		}
		return new GeneralName(GeneralName.uniformResourceIdentifier, url);
	}

	/** The issuer's own SKI when it has one (it may come from another tool), else one computed from its key. */
	private static byte[] keyIdentifier(X509Certificate issuer, JcaX509ExtensionUtils utils) {
		byte[] extension = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
		if (extension != null) {
			return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
				.getKeyIdentifier();
		}
		return utils.createSubjectKeyIdentifier(issuer.getPublicKey()).getKeyIdentifier();
	}

	private static Extension extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
		try {
			return Extension.create(oid, critical, value);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot encode extension " + oid, ex);
		}
	}

}
