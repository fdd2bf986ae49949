package dev.tlsboot.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small certificate authority on Bouncy Castle, for development and tests: a root, and server and client
 * certificates with the key usages and SANs that TLS peers check.
 * <pre>{@code
 * CertificateAuthority ca = CertificateAuthority.root("Test CA");
 * IssuedCertificate server = ca.issueServer("localhost", "127.0.0.1");
 * IssuedCertificate client = ca.issueClient("alice");
 * }</pre>
 * Keys are converted and signed with the JDK's own providers; the Bouncy Castle JCA provider is never registered.
 */
public final class CertificateAuthority {

	/** How long a CA certificate is valid unless told otherwise. */
	public static final Duration CA_VALIDITY = Duration.ofDays(3650);

	/** How long a leaf certificate is valid unless told otherwise. */
	public static final Duration LEAF_VALIDITY = Duration.ofDays(365);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final KeyPair keyPair;

	private final KeyType keyType;

	/** This CA's certificate followed by its issuers', the root last. */
	private final List<X509Certificate> chain;

	private CertificateAuthority(KeyPair keyPair, KeyType keyType, List<X509Certificate> chain) {
		this.keyPair = keyPair;
		this.keyType = keyType;
		this.chain = List.copyOf(chain);
	}

	/**
	 * A new self-signed root with an EC P-256 key, valid for {@link #CA_VALIDITY}.
	 * @param commonName the CN of the root
	 * @return the CA
	 */
	public static CertificateAuthority root(String commonName) {
		return root(commonName, KeyType.EC_P256);
	}

	/**
	 * A new self-signed root.
	 * @param commonName the CN of the root
	 * @param keyType the root's key type
	 * @return the CA
	 */
	public static CertificateAuthority root(String commonName, KeyType keyType) {
		KeyPair keyPair = keyType.generate();
		X500Principal subject = new X500Principal("CN=" + commonName);
		Instant now = Instant.now();
		X509Certificate certificate = sign(subject, keyPair.getPublic(), subject, keyPair, keyType.signatureAlgorithm(),
				now.minus(1, ChronoUnit.HOURS), now.plus(CA_VALIDITY), List.of(
						(builder, utils) -> builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true)),
						caKeyUsage()));
		return new CertificateAuthority(keyPair, keyType, List.of(certificate));
	}

	/** This CA's own certificate. */
	public X509Certificate certificate() {
		return this.chain.get(0);
	}

	/** The root certificate: the one a peer must trust. */
	public X509Certificate rootCertificate() {
		return this.chain.get(this.chain.size() - 1);
	}

	/** The root certificate as PEM, for a {@code cafile}. */
	public String rootCertificatePem() {
		return IssuedCertificate.Pem.of(List.of(rootCertificate()));
	}

	/** This CA's key pair. */
	public KeyPair keyPair() {
		return this.keyPair;
	}

	/**
	 * An intermediate CA signed by this one, with an EC P-256 key.
	 * @param commonName the CN of the intermediate
	 * @return the intermediate CA; certificates it issues carry it in their chain
	 */
	public CertificateAuthority intermediate(String commonName) {
		KeyPair intermediateKeys = KeyType.EC_P256.generate();
		Instant now = Instant.now();
		X509Certificate certificate = sign(new X500Principal("CN=" + commonName), intermediateKeys.getPublic(),
				certificate().getSubjectX500Principal(), this.keyPair, this.keyType.signatureAlgorithm(),
				now.minus(1, ChronoUnit.HOURS), now.plus(CA_VALIDITY),
				List.of((builder, utils) -> builder.addExtension(Extension.basicConstraints, true,
						new BasicConstraints(0)), caKeyUsage(), authorityKeyId(certificate())));
		List<X509Certificate> chain = new ArrayList<>();
		chain.add(certificate);
		chain.addAll(this.chain);
		return new CertificateAuthority(intermediateKeys, KeyType.EC_P256, chain);
	}

	/**
	 * A server certificate for the given names: each is an IP SAN when it is an IP literal, a DNS SAN otherwise; the
	 * first is also the CN.
	 * @param names host names and IP addresses
	 * @return the certificate with a fresh EC P-256 key
	 */
	public IssuedCertificate issueServer(String... names) {
		return issue().commonName(names[0]).subjectAltNames(names).serverAuth().build();
	}

	/**
	 * A client certificate.
	 * @param commonName the CN, which servers usually take as the client's identity
	 * @return the certificate with a fresh EC P-256 key
	 */
	public IssuedCertificate issueClient(String commonName) {
		return issue().commonName(commonName).clientAuth().build();
	}

	/** Start a certificate with every choice open: key type, validity, names, usages. */
	public Issuance issue() {
		return new Issuance();
	}

	/**
	 * One certificate to issue. Defaults: an EC P-256 key, valid from an hour ago for {@link #LEAF_VALIDITY}.
	 */
	public final class Issuance {

		private String commonName = "localhost";

		private final List<String> subjectAltNames = new ArrayList<>();

		private KeyType keyType = KeyType.EC_P256;

		private Instant notBefore = Instant.now().minus(1, ChronoUnit.HOURS);

		private Instant notAfter;

		private Duration validity = LEAF_VALIDITY;

		private final List<KeyPurposeId> purposes = new ArrayList<>();

		private String signatureAlgorithm;

		private Issuance() {
		}

		public Issuance commonName(String commonName) {
			this.commonName = Objects.requireNonNull(commonName, "commonName");
			return this;
		}

		/** DNS names and IP literals for the subjectAltName extension. */
		public Issuance subjectAltNames(String... names) {
			this.subjectAltNames.addAll(List.of(names));
			return this;
		}

		public Issuance keyType(KeyType keyType) {
			this.keyType = Objects.requireNonNull(keyType, "keyType");
			return this;
		}

		/** Valid from {@code notBefore} to {@code notAfter}; both may lie in the past or the future. */
		public Issuance validity(Instant notBefore, Instant notAfter) {
			this.notBefore = notBefore;
			this.notAfter = notAfter;
			return this;
		}

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

		/** Generate the key and sign the certificate. */
		public IssuedCertificate build() {
			KeyPair leafKeys = this.keyType.generate();
			Instant end = (this.notAfter != null) ? this.notAfter : this.notBefore.plus(this.validity);
			List<Extender> extensions = new ArrayList<>();
			extensions.add((builder, utils) -> builder.addExtension(Extension.basicConstraints, true,
					new BasicConstraints(false)));
			extensions.add((builder, utils) -> builder.addExtension(Extension.keyUsage, true,
					new KeyUsage(leafKeyUsage(this.keyType))));
			if (!this.purposes.isEmpty()) {
				extensions.add((builder, utils) -> builder.addExtension(Extension.extendedKeyUsage, false,
						new ExtendedKeyUsage(this.purposes.toArray(KeyPurposeId[]::new))));
			}
			if (!this.subjectAltNames.isEmpty()) {
				GeneralName[] names = this.subjectAltNames.stream().map(CertificateAuthority::generalName)
						.toArray(GeneralName[]::new);
				extensions.add((builder, utils) -> builder.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(names)));
			}
			extensions.add(authorityKeyId(certificate()));
			String algorithm = (this.signatureAlgorithm != null) ? this.signatureAlgorithm
					: CertificateAuthority.this.keyType.signatureAlgorithm();
			X509Certificate leaf = sign(new X500Principal("CN=" + this.commonName), leafKeys.getPublic(),
					certificate().getSubjectX500Principal(), CertificateAuthority.this.keyPair, algorithm,
					this.notBefore, end, extensions);
			List<X509Certificate> chain = new ArrayList<>();
			chain.add(leaf);
			chain.addAll(CertificateAuthority.this.chain.subList(0, CertificateAuthority.this.chain.size() - 1));
			return new IssuedCertificate(leafKeys, chain);
		}

	}

	private static int leafKeyUsage(KeyType keyType) {
		// RSA key exchange (TLS 1.2 kRSA) encrypts to the key; everything else only signs.
		return "RSA".equals(keyType.algorithm()) ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
				: KeyUsage.digitalSignature;
	}

	private static Extender caKeyUsage() {
		return (builder, utils) -> builder.addExtension(Extension.keyUsage, true,
				new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
	}

	private static Extender authorityKeyId(X509Certificate issuer) {
		return (builder, utils) -> builder.addExtension(Extension.authorityKeyIdentifier, false,
				utils.createAuthorityKeyIdentifier(issuer));
	}

	private static GeneralName generalName(String name) {
		boolean ip = name.matches("[0-9.]+") || name.contains(":");
		return ip ? new GeneralName(GeneralName.iPAddress, name) : new GeneralName(GeneralName.dNSName, name);
	}

	private static X509Certificate sign(X500Principal subject, PublicKey subjectKey, X500Principal issuer,
			KeyPair issuerKeys, String signatureAlgorithm, Instant notBefore, Instant notAfter,
			List<Extender> extensions) {
		try {
			JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
					new BigInteger(127, RANDOM).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
					subject, subjectKey);
			builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
			for (Extender extension : extensions) {
				extension.addTo(builder, utils);
			}
			return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(issuerKeys.getPrivate())));
		}
		catch (GeneralSecurityException | OperatorCreationException | CertIOException ex) {
			throw new IllegalStateException("Cannot issue a certificate for " + subject.getName(), ex);
		}
	}

	/** Adds one extension to a certificate being built. */
	@FunctionalInterface
	private interface Extender {

		void addTo(X509v3CertificateBuilder builder, JcaX509ExtensionUtils utils) throws CertIOException, GeneralSecurityException;

	}

}
