package dev.tlsboot.pki;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * PKCS#8 key encryption with PBES2 (RFC 8018): PBKDF2 and AES-CBC, the scheme {@code openssl pkcs8 -topk8 -v2}
 * writes. The ASN.1 comes from Bouncy Castle, the crypto from the JDK: BC's JCE encryptor builders do not work with
 * the JDK's PBKDF2 keys, and the BC provider is never registered.
 */
final class Pbes2 {

	/** PBKDF2 rounds for keys we encrypt: 25 times OpenSSL's default, yet about 0.1 s to open on a slow machine. */
	static final int ITERATIONS = 50_000;

	private static final Map<ASN1ObjectIdentifier, String> PRFS = Map.of(
			PKCSObjectIdentifiers.id_hmacWithSHA1, "PBKDF2WithHmacSHA1",
			PKCSObjectIdentifiers.id_hmacWithSHA224, "PBKDF2WithHmacSHA224",
			PKCSObjectIdentifiers.id_hmacWithSHA256, "PBKDF2WithHmacSHA256",
			PKCSObjectIdentifiers.id_hmacWithSHA384, "PBKDF2WithHmacSHA384",
			PKCSObjectIdentifiers.id_hmacWithSHA512, "PBKDF2WithHmacSHA512");

	private static final Map<ASN1ObjectIdentifier, Integer> AES_KEY_BYTES = Map.of(
			NISTObjectIdentifiers.id_aes128_CBC, 16,
			NISTObjectIdentifiers.id_aes192_CBC, 24,
			NISTObjectIdentifiers.id_aes256_CBC, 32);

	private static final SecureRandom RANDOM = new SecureRandom();

	private Pbes2() {
	}

	/** Encrypt a PKCS#8 key with PBKDF2-HMAC-SHA256 and AES-256-CBC. */
	static EncryptedPrivateKeyInfo encrypt(byte[] pkcs8, char[] password) {
		if (password == null || password.length == 0) {
			throw new IllegalArgumentException("An encrypted key needs a non-empty password");
		}
		PBKDF2Params kdf = new PBKDF2Params(random(16), ITERATIONS, 32,
				new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE));
		PBES2Parameters parameters = new PBES2Parameters(new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, kdf),
				new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(random(16))));
		try {
			byte[] encrypted = cipher(Cipher.ENCRYPT_MODE, parameters, password).doFinal(pkcs8);
			return new EncryptedPrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, parameters),
					encrypted);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encrypt a private key", ex);
		}
	}

	/** Decrypt a PBES2-encrypted PKCS#8 key; any PBKDF2 HMAC-SHA PRF and AES-CBC key size. */
	static byte[] decrypt(EncryptedPrivateKeyInfo info, char[] password) {
		ASN1ObjectIdentifier scheme = info.getEncryptionAlgorithm().getAlgorithm();
		if (!PKCSObjectIdentifiers.id_PBES2.equals(scheme)) {
			throw new IllegalArgumentException("The private key is encrypted with " + scheme
					+ ", not PBES2: convert it with 'openssl pkcs8 -topk8 -v2 aes-256-cbc'");
		}
		try {
			PBES2Parameters parameters = PBES2Parameters.getInstance(info.getEncryptionAlgorithm().getParameters());
			return cipher(Cipher.DECRYPT_MODE, parameters, password).doFinal(info.getEncryptedData());
		}
		catch (BadPaddingException ex) {
			throw new IllegalArgumentException("Cannot decrypt the private key: the password is wrong", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("Cannot decrypt the private key: " + ex.getMessage(), ex);
		}
	}

	private static Cipher cipher(int mode, PBES2Parameters parameters, char[] password)
			throws GeneralSecurityException {
		if (!PKCSObjectIdentifiers.id_PBKDF2.equals(parameters.getKeyDerivationFunc().getAlgorithm())) {
			throw new IllegalArgumentException("Unsupported PBES2 key derivation "
					+ parameters.getKeyDerivationFunc().getAlgorithm() + ": only PBKDF2 is supported");
		}
		PBKDF2Params kdf = PBKDF2Params.getInstance(parameters.getKeyDerivationFunc().getParameters());
		String prf = PRFS.get(kdf.getPrf().getAlgorithm());
		Integer keyBytes = AES_KEY_BYTES.get(parameters.getEncryptionScheme().getAlgorithm());
		if (prf == null || keyBytes == null) {
			throw new IllegalArgumentException("Unsupported PBES2 parameters (PRF " + kdf.getPrf().getAlgorithm()
					+ ", cipher " + parameters.getEncryptionScheme().getAlgorithm()
					+ "): use HMAC-SHA1/SHA2 with AES-CBC");
		}
		PBEKeySpec spec = new PBEKeySpec(password, kdf.getSalt(), kdf.getIterationCount().intValueExact(),
				keyBytes * 8);
		try {
			byte[] key = SecretKeyFactory.getInstance(prf).generateSecret(spec).getEncoded();
			byte[] iv = ASN1OctetString.getInstance(parameters.getEncryptionScheme().getParameters()).getOctets();
			Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
			cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
			return cipher;
		}
		finally {
			spec.clearPassword();
		}
	}

	private static byte[] random(int length) {
		byte[] bytes = new byte[length];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

}
