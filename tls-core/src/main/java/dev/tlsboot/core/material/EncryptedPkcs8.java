package dev.tlsboot.core.material;

import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Decrypts {@code ENCRYPTED PRIVATE KEY} (PKCS#8) with the JDK's ciphers. PBES2 is taken apart here (PBKDF2 with any
 * HMAC-SHA PRF, AES-CBC or DES-EDE3-CBC), because the JDK's own PBES2 support lacks DES-EDE3 and reports it as a
 * decryption failure, and Bouncy Castle's JCE decryptor asks for cipher names only its provider has. The older PBES1
 * and PKCS#12 schemes are left to the JDK, which knows them by OID.
 */
final class EncryptedPkcs8 {

	private static final Map<ASN1ObjectIdentifier, String> PRFS = Map.of(PKCSObjectIdentifiers.id_hmacWithSHA1,
			"HmacSHA1", PKCSObjectIdentifiers.id_hmacWithSHA224, "HmacSHA224", PKCSObjectIdentifiers.id_hmacWithSHA256,
			"HmacSHA256", PKCSObjectIdentifiers.id_hmacWithSHA384, "HmacSHA384", PKCSObjectIdentifiers.id_hmacWithSHA512,
			"HmacSHA512");

	private static final Map<ASN1ObjectIdentifier, BlockCipher> CIPHERS = Map.of(NISTObjectIdentifiers.id_aes128_CBC,
			new BlockCipher("AES", 16), NISTObjectIdentifiers.id_aes192_CBC, new BlockCipher("AES", 24),
			NISTObjectIdentifiers.id_aes256_CBC, new BlockCipher("AES", 32), PKCSObjectIdentifiers.des_EDE3_CBC,
			new BlockCipher("DESede", 24));

	private EncryptedPkcs8() {
	}

	/**
	 * Decrypt the key.
	 * @param encrypted the encrypted key
	 * @param password the password
	 * @return the plain key
	 * @throws NoSuchAlgorithmException when the scheme is not one this JDK can decrypt
	 * @throws GeneralSecurityException when decryption fails, almost always because the password is wrong
	 */
	static PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, char[] password)
			throws GeneralSecurityException {
		AlgorithmIdentifier algorithm = encrypted.getEncryptionAlgorithm();
		Cipher cipher;
		try {
			cipher = PKCSObjectIdentifiers.id_PBES2.equals(algorithm.getAlgorithm())
					? pbes2(PBES2Parameters.getInstance(algorithm.getParameters()), password)
					: pbes1(algorithm, password);
		}
		catch (GeneralSecurityException | IOException | RuntimeException ex) {
			throw (ex instanceof NoSuchAlgorithmException unsupported) ? unsupported
					: new NoSuchAlgorithmException(algorithm.getAlgorithm() + ": " + ex.getMessage(), ex);
		}
		byte[] plain = cipher.doFinal(encrypted.getEncryptedData());
		try {
			return PrivateKeyInfo.getInstance(plain);
		}
		catch (IllegalArgumentException ex) {
			// The padding happened to fit, but a wrong password left garbage.
			throw new GeneralSecurityException("decrypted data is no key", ex);
		}
	}

	private static Cipher pbes2(PBES2Parameters parameters, char[] password) throws GeneralSecurityException {
		KeyDerivationFunc derivation = parameters.getKeyDerivationFunc();
		EncryptionScheme scheme = parameters.getEncryptionScheme();
		BlockCipher blockCipher = CIPHERS.get(scheme.getAlgorithm());
		if (!PKCSObjectIdentifiers.id_PBKDF2.equals(derivation.getAlgorithm()) || blockCipher == null) {
			throw new NoSuchAlgorithmException("PBES2 with " + derivation.getAlgorithm() + " and "
					+ scheme.getAlgorithm() + " (PBKDF2 with AES-CBC or DES-EDE3-CBC is supported)");
		}
		PBKDF2Params pbkdf2 = PBKDF2Params.getInstance(derivation.getParameters());
		String prf = PRFS.get(pbkdf2.getPrf().getAlgorithm());
		if (prf == null) {
			throw new NoSuchAlgorithmException("PBKDF2 with PRF " + pbkdf2.getPrf().getAlgorithm());
		}
		PBEKeySpec spec = new PBEKeySpec(password, pbkdf2.getSalt(), pbkdf2.getIterationCount().intValueExact(),
				blockCipher.keyBytes() * 8);
		byte[] key = SecretKeyFactory.getInstance("PBKDF2With" + prf).generateSecret(spec).getEncoded();
		byte[] iv = ASN1OctetString.getInstance(scheme.getParameters()).getOctets();
		Cipher cipher = Cipher.getInstance(blockCipher.algorithm() + "/CBC/PKCS5Padding");
		cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, blockCipher.algorithm()), new IvParameterSpec(iv));
		return cipher;
	}

	private static Cipher pbes1(AlgorithmIdentifier algorithm, char[] password)
			throws GeneralSecurityException, IOException {
		String oid = algorithm.getAlgorithm().getId();
		AlgorithmParameters parameters = AlgorithmParameters.getInstance(oid);
		parameters.init(algorithm.getParameters().toASN1Primitive().getEncoded());
		Cipher cipher = Cipher.getInstance(oid);
		cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(oid).generateSecret(new PBEKeySpec(password)),
				parameters);
		return cipher;
	}

	/** A CBC block cipher by its JCA name and key length. */
	private record BlockCipher(String algorithm, int keyBytes) {
	}

}
