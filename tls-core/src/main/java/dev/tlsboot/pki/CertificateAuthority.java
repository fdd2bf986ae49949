package dev.tlsboot.pki;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.material.KeyMaterial;

/**
 * A small certificate authority on Bouncy Castle, for development, tests and small private PKIs: a root,
 * intermediates, server and client certificates with the key usages and SANs that TLS peers check, and signed CSRs.
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

	/** Certificates start a little in the past, so that a peer whose clock lags accepts them. */
	static final Duration BACKDATE = Duration.ofHours(1);

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
	 * A new self-signed root, valid for {@link #CA_VALIDITY}.
	 * @param commonName the CN of the root
	 * @param keyType the root's key type
	 * @return the CA
	 */
	public static CertificateAuthority root(String commonName, KeyType keyType) {
		return root(commonName, keyType, CA_VALIDITY);
	}

	/**
	 * A new self-signed root without a path length limit.
	 * @param commonName the CN of the root
	 * @param keyType the root's key type
	 * @param validity how long the root is valid from now
	 * @return the CA
	 */
	public static CertificateAuthority root(String commonName, KeyType keyType, Duration validity) {
		KeyPair keyPair = keyType.generate();
		X509Certificate certificate = signCa(commonName, keyPair.getPublic(), null, keyPair.getPrivate(), keyType,
				new BasicConstraints(true), validity);
		return new CertificateAuthority(keyPair, keyType, List.of(certificate));
	}

	/**
	 * Load a CA from PEM, e.g. one written earlier with {@link #asIssuedCertificate()}.
	 * @param certificatePem the CA's certificate, optionally followed by its issuers up to the root; without them
	 * the CA's own certificate counts as the root
	 * @param privateKeyPem the CA's key as PKCS#8 (a {@code PRIVATE KEY} block) or a traditional OpenSSL key
	 * @return the CA, ready to issue
	 * @throws IllegalArgumentException if the certificate is no CA or the key does not belong to it
	 */
	public static CertificateAuthority load(String certificatePem, String privateKeyPem) {
		return load(certificatePem, privateKeyPem, null);
	}

	/**
	 * Load a CA from PEM with a key that may be encrypted (an {@code ENCRYPTED PRIVATE KEY} block, or OpenSSL's legacy
	 * {@code Proc-Type: 4,ENCRYPTED}), read as {@link KeyMaterial#fromPem} reads {@code cert} and {@code key}.
	 * @param certificatePem the CA's certificate, optionally followed by its issuers up to the root
	 * @param privateKeyPem the CA's key, encrypted or not
	 * @param password the key's password, or {@code null} for an unencrypted key
	 * @return the CA, ready to issue
	 * @throws IllegalArgumentException if the certificate is no CA, the password is wrong or the key does not
	 * belong to the certificate
	 */
	public static CertificateAuthority load(String certificatePem, String privateKeyPem, char @Nullable [] password) {
		KeyMaterial material;
		try {
			material = KeyMaterial.fromPem(certificatePem, privateKeyPem, password);
		}
		catch (TlsConfigurationException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
		List<X509Certificate> chain = material.chain();
		X509Certificate certificate = material.leaf();
		String name = "'" + certificate.getSubjectX500Principal().getName() + "'";
		boolean[] keyUsage = certificate.getKeyUsage();
		if (certificate.getBasicConstraints() < 0 || (keyUsage != null && !keyUsage[5])) {
			throw new IllegalArgumentException(name + " is not a CA certificate (basicConstraints CA:TRUE and "
					+ "keyUsage keyCertSign): it cannot issue certificates");
		}
		for (int i = 1; i < chain.size(); i++) {
			if (!chain.get(i - 1).getIssuerX500Principal().equals(chain.get(i).getSubjectX500Principal())) {
				throw new IllegalArgumentException("Certificate " + (i + 1) + " of the CA certificate PEM did not "
						+ "issue the one before it: list the CA's certificate first, then its issuers up to the root");
			}
		}
		KeyPair keyPair = new KeyPair(certificate.getPublicKey(), material.privateKey());
		return new CertificateAuthority(keyPair, KeyType.of(keyPair.getPublic()), chain);
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
		return Pem.write(List.of(rootCertificate()));
	}

	/** This CA's certificate followed by its issuers', the root last. */
	public List<X509Certificate> chain() {
		return this.chain;
	}

	/** This CA's key pair. */
	public KeyPair keyPair() {
		return this.keyPair;
	}

	/**
	 * This CA's own key and chain (root included) with the outputs of an issued certificate: PEM, encrypted PEM,
	 * PKCS#12 and files. {@link #load(String, String, char[])} reads its {@code chainPem()} and key PEM back.
	 */
	public IssuedCertificate asIssuedCertificate() {
		return new IssuedCertificate(this.keyPair, this.chain);
	}

	/**
	 * An intermediate CA signed by this one, with an EC P-256 key and a path length of 0: it issues leaf
	 * certificates only.
	 * @param commonName the CN of the intermediate
	 * @return the intermediate CA; certificates it issues carry it in their chain
	 */
	public CertificateAuthority intermediate(String commonName) {
		return intermediate(commonName, KeyType.EC_P256, 0);
	}

	/**
	 * An intermediate CA signed by this one, valid for {@link #CA_VALIDITY}.
	 * @param commonName the CN of the intermediate
	 * @param keyType the intermediate's key type
	 * @param pathLength how many intermediates may follow it (0: it issues leaf certificates only)
	 * @return the intermediate CA; certificates it issues carry it in their chain
	 */
	public CertificateAuthority intermediate(String commonName, KeyType keyType, int pathLength) {
		return intermediate(commonName, keyType, pathLength, CA_VALIDITY);
	}

	/**
	 * An intermediate CA signed by this one.
	 * @param commonName the CN of the intermediate
	 * @param keyType the intermediate's key type
	 * @param pathLength how many intermediates may follow it (0: it issues leaf certificates only)
	 * @param validity how long the intermediate is valid from now
	 * @return the intermediate CA; certificates it issues carry it in their chain
	 * @throws IllegalArgumentException if this CA's own path length leaves no room for it
	 */
	public CertificateAuthority intermediate(String commonName, KeyType keyType, int pathLength, Duration validity) {
		int ownPathLength = certificate().getBasicConstraints();
		if (pathLength < 0 || pathLength >= ownPathLength) {
			throw new IllegalArgumentException("'" + certificate().getSubjectX500Principal().getName() + "' has path "
					+ "length " + ownPathLength + ": an intermediate below it needs a path length from 0 to "
					+ (ownPathLength - 1) + ", not " + pathLength);
		}
		KeyPair keys = keyType.generate();
		X509Certificate certificate = signCa(commonName, keys.getPublic(), certificate(), this.keyPair.getPrivate(),
				this.keyType, new BasicConstraints(pathLength), validity);
		List<X509Certificate> chain = new ArrayList<>();
		chain.add(certificate);
		chain.addAll(this.chain);
		return new CertificateAuthority(keys, keyType, chain);
	}

	/** The signature algorithm this CA signs with unless told otherwise. */
	String signatureAlgorithm() {
		return this.keyType.signatureAlgorithm();
	}

	private static X509Certificate signCa(String commonName, PublicKey key, X509Certificate issuer,
			PrivateKey issuerKey, KeyType issuerKeyType, BasicConstraints constraints, Duration validity) {
		Instant now = Instant.now();
		return CertificateSigner.sign(CertificateSigner.commonName(commonName), key, issuer, issuerKey,
				issuerKeyType.signatureAlgorithm(), now.minus(BACKDATE), now.plus(validity),
				List.of(CertificateSigner.basicConstraints(constraints),
						CertificateSigner.keyUsage(CertificateSigner.CA_KEY_USAGE)));
	}

	/**
	 * A server certificate for the given names: each is an IP SAN when it is an IPv4 or IPv6 literal, a DNS SAN
	 * otherwise; the first is also the CN.
	 * @param names host names and IP addresses
	 * @return the certificate with a fresh EC P-256 key and EKU serverAuth
	 */
	public IssuedCertificate issueServer(String... names) {
		if (names.length == 0) {
			throw new IllegalArgumentException("A server certificate needs at least one host name or IP address");
		}
		return issue().commonName(names[0]).subjectAltNames(names).serverAuth().build();
	}

	/**
	 * A client certificate.
	 * @param commonName the CN, which servers usually take as the client's identity
	 * @return the certificate with a fresh EC P-256 key and EKU clientAuth
	 */
	public IssuedCertificate issueClient(String commonName) {
		return issue().commonName(commonName).clientAuth().build();
	}

	/**
	 * A client certificate with an e-mail address.
	 * @param commonName the CN, which servers usually take as the client's identity
	 * @param email the address for an rfc822Name SAN
	 * @return the certificate with a fresh EC P-256 key and EKU clientAuth
	 */
	public IssuedCertificate issueClient(String commonName, String email) {
		return issue().commonName(commonName).emailAddresses(email).clientAuth().build();
	}

	/**
	 * Sign a PKCS#10 request for a TLS server or client (EKU serverAuth and clientAuth), valid for
	 * {@link #LEAF_VALIDITY}. Use {@link #issue()} to choose usages and validity.
	 * @param requestPem the request as PEM ({@code BEGIN CERTIFICATE REQUEST})
	 * @return the certificate and its chain
	 * @throws IllegalArgumentException if the request is not valid PEM or its signature is bad
	 */
	public SignedCertificate signRequest(String requestPem) {
		return issue().serverAuth().clientAuth().signRequest(requestPem);
	}

	/**
	 * Sign a PKCS#10 request as {@link #signRequest(String)} does.
	 * @param request the request
	 * @return the certificate and its chain
	 * @throws IllegalArgumentException if the request's signature is bad
	 */
	public SignedCertificate signRequest(PKCS10CertificationRequest request) {
		return issue().serverAuth().clientAuth().signRequest(request);
	}

	/** Start a certificate with every choice open: key type, validity, names, usages. */
	public Issuance issue() {
		return new Issuance(this);
	}

	/** The leaf, then this CA's chain without the root: what a TLS peer sends. */
	List<X509Certificate> chainFor(X509Certificate leaf) {
		List<X509Certificate> chain = new ArrayList<>();
		chain.add(leaf);
		chain.addAll(this.chain.subList(0, this.chain.size() - 1));
		return chain;
	}

}
