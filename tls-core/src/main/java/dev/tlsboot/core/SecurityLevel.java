package dev.tlsboot.core;

import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PSSParameterSpec;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tlsboot.core.cipher.CipherSuite;
import dev.tlsboot.core.status.CertificateInfo;

/**
 * An OpenSSL 3 security level (see SSL_CTX_set_security_level(3)): a number of bits of security below which keys,
 * signatures and cipher suites are refused. Level 0 allows everything; 1 asks for 80 bits, 2 for 112, 3 for 128,
 * 4 for 192 and 5 for 256.
 */
final class SecurityLevel {

	private static final int[] SECURITY_BITS = { 0, 80, 112, 128, 192, 256 };

	private static final int[] RSA_BITS = { 0, 1024, 2048, 3072, 7680, 15360 };

	private static final SecurityLevel[] LEVELS = { new SecurityLevel(0), new SecurityLevel(1), new SecurityLevel(2),
			new SecurityLevel(3), new SecurityLevel(4), new SecurityLevel(5) };

	/** Not a cipher but a signal of secure renegotiation (RFC 5746): no level removes it. */
	private static final String RENEGOTIATION_SCSV = "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";

	private static final Pattern DIGEST = Pattern.compile("SHA(?:3-)?-?(\\d+)|MD5|ED25519|ED448");

	private final int level;

	private SecurityLevel(int level) {
		this.level = level;
	}

	/**
	 * @param level 0 to 5
	 * @return the security level
	 * @throws IllegalArgumentException for any other number
	 */
	public static SecurityLevel of(int level) {
		if (level < 0 || level >= LEVELS.length) {
			throw new IllegalArgumentException("Security level " + level + " is not between 0 and 5");
		}
		return LEVELS[level];
	}

	/** The level, 0 to 5. */
	public int level() {
		return this.level;
	}

	/** The bits of security this level asks for: 0, 80, 112, 128, 192 or 256. */
	public int securityBits() {
		return SECURITY_BITS[this.level];
	}

	/** The smallest RSA modulus, DSA prime or DH group allowed, in bits; 0 for no minimum. */
	public int minimumRsaBits() {
		return RSA_BITS[this.level];
	}

	/** The smallest elliptic curve allowed, in bits: twice the security bits; 0 for no minimum. */
	public int minimumEcBits() {
		return 2 * securityBits();
	}

	/**
	 * The suites this level allows, in the given order, by OpenSSL's rules: from level 1 no suite weaker than the
	 * level's bits (so no eNULL, export or single DES), none without authentication (aNULL) and none with an MD5 MAC;
	 * from 2 no RC4; from 3 forward secrecy only (no kRSA; 3DES falls below 128 bits); from 4 no SHA-1 MAC. TLS 1.3
	 * suites are held to the bits only, so that level 4 drops TLS_AES_128_GCM_SHA256. Suites that OpenSSL does not
	 * know are dropped from level 1, since nothing vouches for them.
	 * @param jsseSuites JSSE suite names
	 * @return those this level allows
	 */
	public List<String> filterSuites(List<String> jsseSuites) {
		return jsseSuites.stream().filter((name) -> this.level == 0 || RENEGOTIATION_SCSV.equals(name)
				|| CipherSuite.named(name).filter(this::allows).isPresent()).toList();
	}

	private boolean allows(CipherSuite suite) {
		return suite.bits() >= securityBits() && !"aNULL".equals(suite.authentication())
				&& !"MD5".equals(suite.mac()) && !(this.level >= 4 && "SHA1".equals(suite.mac()))
				&& !(this.level >= 2 && "RC4".equals(suite.encryption()))
				&& !(this.level >= 3 && !suite.forwardSecret());
	}

	/**
	 * What is wrong with a certificate of a chain at this level: a key too small or a signature too weak. The
	 * signature of a self-signed certificate is not checked, as OpenSSL does not: it proves nothing.
	 * @param certificate a peer's or the local certificate
	 * @return a plain sentence, or empty when the certificate is good enough
	 */
	public Optional<String> problemWith(X509Certificate certificate) {
		Optional<String> keyProblem = problemWithTrustAnchor(certificate);
		if (keyProblem.isPresent() || CertificateInfo.isSelfSigned(certificate)) {
			return keyProblem;
		}
		int bits = signatureSecurityBits(certificate);
		if (bits >= securityBits()) {
			return Optional.empty();
		}
		return Optional.of(name(certificate) + " is signed with " + certificate.getSigAlgName() + ", which security level "
				+ this.level + " refuses: it needs signatures of at least " + securityBits() + "-bit security");
	}

	/**
	 * What is wrong with a trust anchor at this level: only its key counts, since nothing checks its signature.
	 * @param certificate a trusted certificate, usually a self-signed root
	 * @return a plain sentence, or empty when the key is large enough
	 */
	public Optional<String> problemWithTrustAnchor(X509Certificate certificate) {
		return problemWith(certificate.getPublicKey(), name(certificate));
	}

	/**
	 * What is wrong with a key at this level.
	 * @param key an RSA, DSA, EC, Ed25519 or Ed448 public key; other keys are not judged
	 * @param what how to name the key's owner in the message, e.g. {@code "the key in keyfile server.key"}
	 * @return a sentence like "certificate CN=foo has a 1024-bit RSA key; security level 2 requires at least 2048
	 * bits", or empty when the key is large enough
	 */
	public Optional<String> problemWith(PublicKey key, String what) {
		int size;
		int minimum;
		if (key instanceof RSAKey rsa) {
			size = rsa.getModulus().bitLength();
			minimum = minimumRsaBits();
		}
		else if (key instanceof DSAKey dsa) {
			size = dsa.getParams().getP().bitLength();
			minimum = minimumRsaBits();
		}
		else if (key instanceof ECKey ec) {
			size = ec.getParams().getOrder().bitLength();
			minimum = minimumEcBits();
		}
		else if (key instanceof EdECKey edwards) {
			return problemWithEdwards(edwards.getParams().getName(), what);
		}
		else {
			return Optional.empty();
		}
		if (size >= minimum) {
			return Optional.empty();
		}
		return Optional.of(what + " has a " + size + "-bit " + key.getAlgorithm() + " key; security level " + this.level
				+ " requires at least " + minimum + " bits");
	}

	/** Edwards curves have one size each, so the message speaks of their security bits. */
	private Optional<String> problemWithEdwards(String curve, String what) {
		int bits = "Ed448".equals(curve) ? 224 : 128;
		if (bits >= securityBits()) {
			return Optional.empty();
		}
		return Optional.of(what + " has an " + curve + " key of " + bits + "-bit security; security level "
				+ this.level + " requires " + securityBits() + " bits");
	}

	/**
	 * The security of a signature as OpenSSL 3 counts it: half the digest size, but 63 bits for SHA-1 and 39 for
	 * MD5 so that level 1 refuses both; what it does not recognise passes.
	 */
	private static int signatureSecurityBits(X509Certificate certificate) {
		Matcher digest = DIGEST.matcher(signatureDigest(certificate).toUpperCase());
		if (!digest.find()) {
			return Integer.MAX_VALUE;
		}
		return switch (digest.group()) {
			case "MD5" -> 39;
			case "ED25519" -> 128;
			case "ED448" -> 224;
			default -> "1".equals(digest.group(1)) ? 63 : Integer.parseInt(digest.group(1)) / 2;
		};
	}

	/** The signature algorithm, with the digest of RSASSA-PSS read from its parameters. */
	private static String signatureDigest(X509Certificate certificate) {
		if (!"RSASSA-PSS".equalsIgnoreCase(certificate.getSigAlgName())) {
			return certificate.getSigAlgName();
		}
		try {
			AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
			parameters.init(certificate.getSigAlgParams());
			return parameters.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm();
		}
		catch (GeneralSecurityException | IOException ex) {
			return certificate.getSigAlgName();
		}
	}

	private static String name(X509Certificate certificate) {
		return "certificate " + certificate.getSubjectX500Principal().getName();
	}

	@Override
	public String toString() {
		return "SecurityLevel " + this.level;
	}

}
