package dev.tlsboot.pki;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * One certificate to issue, for a fresh key ({@link #build()}) or a CSR ({@link #signRequest(String)}).
 * Defaults: an EC P-256 key, valid from an hour ago for {@link CertificateAuthority#LEAF_VALIDITY}, no extended
 * key usage. Made by {@link CertificateAuthority#issue()}.
 */
public final class Issuance {

	private final CertificateAuthority ca;

	private String commonName = "localhost";

	private final Set<GeneralName> subjectAltNames = new LinkedHashSet<>();

	private KeyType keyType = KeyType.EC_P256;

	private KeyPair keyPair;

	private Instant notBefore = Instant.now().minus(CertificateAuthority.BACKDATE);

	private Instant notAfter;

	private Duration validity = CertificateAuthority.LEAF_VALIDITY;

	private final Set<KeyPurposeId> purposes = new LinkedHashSet<>();

	private String signatureAlgorithm;

	private String crlDistributionPoint;

	private String ocspResponder;

	private String caIssuers;

	private boolean mustStaple;

	Issuance(CertificateAuthority ca) {
		this.ca = ca;
	}

	/** The subject's CN; a CSR brings its own subject instead. */
	public Issuance commonName(String commonName) {
		this.commonName = Objects.requireNonNull(commonName, "commonName");
		return this;
	}

	/** DNS names and IP literals (IPv4 or IPv6, brackets allowed) for the subjectAltName extension. */
	public Issuance subjectAltNames(String... names) {
		for (String name : names) {
			this.subjectAltNames.add(CertificateSigner.hostName(name));
		}
		return this;
	}

	/** E-mail addresses (rfc822Name) for the subjectAltName extension, e.g. for S/MIME or client identity. */
	public Issuance emailAddresses(String... addresses) {
		for (String address : addresses) {
			this.subjectAltNames.add(new GeneralName(GeneralName.rfc822Name, address));
		}
		return this;
	}

	/** The type of the fresh key; a CSR brings its own key instead. */
	public Issuance keyType(KeyType keyType) {
		this.keyType = Objects.requireNonNull(keyType, "keyType");
		return this;
	}

	/**
	 * Certify this key pair instead of generating one, e.g. to renew a certificate and keep its key.
	 * @param keyPair the key pair; {@link #keyType(KeyType)} is then ignored
	 * @return this issuance
	 */
	public Issuance keyPair(KeyPair keyPair) {
		this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
		return this;
	}

	/** Valid from {@code notBefore} to {@code notAfter}; both may lie in the past or the future. */
	public Issuance validity(Instant notBefore, Instant notAfter) {
		this.notBefore = notBefore;
		this.notAfter = notAfter;
		return this;
	}

	/**
	 * Valid for this long from the start of validity: an hour ago, unless {@link #validity(Instant, Instant)} set
	 * another start.
	 */
	public Issuance validity(Duration validity) {
		this.validity = validity;
		this.notAfter = null;
		return this;
	}

	/** Mark the certificate for TLS servers (EKU serverAuth). */
	public Issuance serverAuth() {
		this.purposes.add(KeyPurposeId.id_kp_serverAuth);
		return this;
	}

	/** Mark the certificate for TLS clients (EKU clientAuth). */
	public Issuance clientAuth() {
		this.purposes.add(KeyPurposeId.id_kp_clientAuth);
		return this;
	}

	/** Sign with this algorithm instead of the CA's usual one, e.g. {@code SHA1withECDSA} for a weak chain. */
	public Issuance signatureAlgorithm(String signatureAlgorithm) {
		this.signatureAlgorithm = signatureAlgorithm;
		return this;
	}

	/** Where relying parties fetch this CA's CRL (cRLDistributionPoints extension), e.g. an http URL. */
	public Issuance crlDistributionPoint(String url) {
		this.crlDistributionPoint = url;
		return this;
	}

	/** Where relying parties ask about revocation (OCSP in the authorityInfoAccess extension). */
	public Issuance ocspResponder(String url) {
		this.ocspResponder = url;
		return this;
	}

	/**
	 * Where relying parties fetch this CA's certificate (caIssuers in the authorityInfoAccess extension), e.g. an
	 * http URL: public CAs name it so that a client can find an intermediate a server did not send.
	 */
	public Issuance caIssuers(String url) {
		this.caIssuers = url;
		return this;
	}

	/**
	 * Mark the certificate "must-staple" (the TLS feature extension with status_request, RFC 7633): clients that
	 * honour it refuse it from a server that staples no OCSP response.
	 */
	public Issuance mustStaple() {
		this.mustStaple = true;
		return this;
	}

	/** Generate the key (unless one was given) and sign the certificate. */
	public IssuedCertificate build() {
		KeyPair leafKeys = (this.keyPair != null) ? this.keyPair : this.keyType.generate();
		X509Certificate leaf = certify(CertificateSigner.commonName(this.commonName), leafKeys.getPublic(),
				this.subjectAltNames);
		return new IssuedCertificate(leafKeys, this.ca.chainFor(leaf));
	}

	/**
	 * Sign a PKCS#10 request: its subject and key, the subjectAltNames it requests followed by any set here, and
	 * the usages and validity set here. Other extensions it requests are ignored.
	 * @param requestPem the request as PEM ({@code BEGIN CERTIFICATE REQUEST})
	 * @return the certificate and its chain
	 * @throws IllegalArgumentException if the request is not valid PEM or its signature is bad
	 */
	public SignedCertificate signRequest(String requestPem) {
		return signRequest(Pem.readRequest(requestPem));
	}

	/**
	 * Sign a PKCS#10 request as {@link #signRequest(String)} does.
	 * @param request the request
	 * @return the certificate and its chain
	 * @throws IllegalArgumentException if the request's signature is bad
	 */
	public SignedCertificate signRequest(PKCS10CertificationRequest request) {
		PublicKey key = CertificateRequests.verifiedPublicKey(request);
		Set<GeneralName> names = new LinkedHashSet<>(CertificateRequests.requestedSubjectAltNames(request));
		names.addAll(this.subjectAltNames);
		if (request.getSubject().getRDNs().length == 0 && names.isEmpty()) {
			throw new IllegalArgumentException("The certificate request has neither a subject nor "
					+ "subjectAltNames: there is nothing to certify");
		}
		return new SignedCertificate(this.ca.chainFor(certify(request.getSubject(), key, names)));
	}

	private X509Certificate certify(X500Name subject, PublicKey key, Set<GeneralName> names) {
		List<Extension> extensions = new ArrayList<>();
		extensions.add(CertificateSigner.basicConstraints(new BasicConstraints(false)));
		extensions.add(CertificateSigner.keyUsage(CertificateSigner.leafKeyUsage(key)));
		if (!this.purposes.isEmpty()) {
			extensions.add(CertificateSigner.extendedKeyUsage(List.copyOf(this.purposes)));
		}
		if (!names.isEmpty()) {
			extensions.add(CertificateSigner.subjectAltNames(List.copyOf(names), subject));
		}
		if (this.crlDistributionPoint != null) {
			extensions.add(CertificateSigner.crlDistributionPoint(this.crlDistributionPoint));
		}
		if (this.ocspResponder != null || this.caIssuers != null) {
			extensions.add(CertificateSigner.authorityInfoAccess(this.ocspResponder, this.caIssuers));
		}
		if (this.mustStaple) {
			extensions.add(CertificateSigner.mustStaple());
		}
		Instant end = (this.notAfter != null) ? this.notAfter : this.notBefore.plus(this.validity);
		String algorithm = (this.signatureAlgorithm != null) ? this.signatureAlgorithm
				: this.ca.signatureAlgorithm();
		return CertificateSigner.sign(subject, key, this.ca.certificate(), this.ca.keyPair().getPrivate(),
				algorithm, this.notBefore, end, extensions);
	}

}
