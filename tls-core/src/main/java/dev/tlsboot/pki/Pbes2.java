package dev.tlsboot.pki;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

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
 * the JDK's PBKDF2 keys, and the BC provider is never registered. Reading such keys is
 * {@link dev.tlsboot.core.material.KeyMaterialLoader}'s job.
 */
final class Pbes2 {

	/** PBKDF2 rounds for keys we encrypt: 25 times OpenSSL's default, yet about 0.1 s to open on a slow machine. */
	static final int ITERATIONS = 50_000;

	private static final SecureRandom RANDOM = new SecureRandom();

	private Pbes2() {
	}

	/** Encrypt a PKCS#8 key with PBKDF2-HMAC-SHA256 and AES-256-CBC. */
	static EncryptedPrivateKeyInfo encrypt(byte[] pkcs8, char[] password) {
		if (password == null || password.length == 0) {
			throw new IllegalArgumentException("An encrypted key needs a non-empty password");
		}
		byte[] salt = random(16);
		byte[] iv = random(16);
		PBKDF2Params kdf = new PBKDF2Params(salt, ITERATIONS, 32,
				new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE));
		PBES2Parameters parameters = new PBES2Parameters(new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, kdf),
				new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(iv)));
		PBEKeySpec spec = new PBEKeySpec(password, salt, ITERATIONS, 256);
		try {
			byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
			Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
			return new EncryptedPrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, parameters),
					cipher.doFinal(pkcs8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encrypt a private key", ex);
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
