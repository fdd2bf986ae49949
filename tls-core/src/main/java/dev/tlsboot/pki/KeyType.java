package dev.tlsboot.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;

/**
 * The kind of key a certificate gets, with the signature algorithm a CA of that kind signs with.
 *
 * @param algorithm the JCA key algorithm: {@code EC}, {@code RSA} or {@code Ed25519}
 * @param size the curve size or modulus length in bits (255 for Ed25519)
 */
public record KeyType(String algorithm, int size) {

	/** ECDSA on NIST P-256, the default: small, fast and accepted everywhere. */
	public static final KeyType EC_P256 = new KeyType("EC", 256);

	/** ECDSA on NIST P-384. */
	public static final KeyType EC_P384 = new KeyType("EC", 384);

	/** RSA with a 2048-bit modulus. */
	public static final KeyType RSA_2048 = new KeyType("RSA", 2048);

	/** RSA with a 3072-bit modulus (security level 3). */
	public static final KeyType RSA_3072 = new KeyType("RSA", 3072);

	/** Ed25519. */
	public static final KeyType ED25519 = new KeyType("Ed25519", 255);

	/**
	 * RSA of any size, including sizes too small to trust (for tests of the security level).
	 * @param bits the modulus length
	 * @return the key type
	 */
	public static KeyType rsa(int bits) {
		return new KeyType("RSA", bits);
	}

	/**
	 * The type of an existing key, e.g. one loaded from PEM or taken from a certificate request.
	 * @param publicKey an EC, RSA or EdDSA public key
	 * @return its type
	 */
	static KeyType of(PublicKey publicKey) {
		if (publicKey instanceof ECPublicKey ec) {
			return new KeyType("EC", ec.getParams().getCurve().getField().getFieldSize());
		}
		if (publicKey instanceof RSAPublicKey rsa) {
			return rsa(rsa.getModulus().bitLength());
		}
		if (publicKey instanceof EdECPublicKey edec) {
			String curve = edec.getParams().getName();
			return new KeyType(curve, "Ed448".equals(curve) ? 448 : 255);
		}
		throw new IllegalArgumentException("Unsupported key algorithm " + publicKey.getAlgorithm()
				+ ": use an EC, RSA or EdDSA key");
	}

	/** Generate a fresh key pair of this type from a strong random source. */
	public KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(this.algorithm);
			switch (this.algorithm) {
				case "EC" -> generator.initialize(new ECGenParameterSpec("secp" + this.size + "r1"), RANDOM);
				case "RSA" -> generator.initialize(this.size, RANDOM);
				default -> {
					// Ed25519 has one size
				}
			}
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate a " + this + " key", ex);
		}
	}

	/** The signature algorithm a CA holding a key of this type signs certificates with. */
	String signatureAlgorithm() {
		return switch (this.algorithm) {
			// The hash matches the curve's strength, as TLS 1.3 signature schemes pair them.
			case "EC" -> (this.size > 384) ? "SHA512withECDSA"
					: (this.size > 256) ? "SHA384withECDSA" : "SHA256withECDSA";
			case "RSA" -> "SHA256withRSA";
			default -> this.algorithm;
		};
	}

	@Override
	public String toString() {
		return this.algorithm + "-" + this.size;
	}

	private static final SecureRandom RANDOM = new SecureRandom();

}
