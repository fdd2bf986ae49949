package dev.tlsboot.core.material;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.bc.BcPEMDecryptorProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.spi.PasswordProvider;

/**
 * Reads a private key in any of the forms OpenSSL writes: PKCS#8 (plain or encrypted), PKCS#1 RSA and SEC1 EC (plain
 * or with the legacy {@code Proc-Type: 4,ENCRYPTED} header), as PEM or DER PKCS#8.
 * <p>
 * Bouncy Castle parses, and decrypts legacy PEM with its lightweight ciphers; {@link EncryptedPkcs8} decrypts PKCS#8
 * with the JDK's ciphers. The key itself is made by the JDK's {@link KeyFactory}, so the Bouncy Castle provider is
 * never needed (registering it costs about half a second at startup).
 */
final class PrivateKeys {

	/** JDK key factory names; other algorithms are looked up by OID, which the JDK also accepts. */
	private static final Map<ASN1ObjectIdentifier, String> ALGORITHMS = Map.of(PKCSObjectIdentifiers.rsaEncryption,
			"RSA", PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS", X9ObjectIdentifiers.id_ecPublicKey, "EC",
			X9ObjectIdentifiers.id_dsa, "DSA", EdECObjectIdentifiers.id_Ed25519, "Ed25519",
			EdECObjectIdentifiers.id_Ed448, "Ed448", EdECObjectIdentifiers.id_X25519, "X25519",
			EdECObjectIdentifiers.id_X448, "X448");

	private PrivateKeys() {
	}

	/**
	 * The first private key in a PEM file, or the DER PKCS#8 key that the file is.
	 * @param source the key file or bytes
	 * @param passwords asked only when the key is encrypted
	 * @return the key
	 * @throws dev.tlsboot.core.option.TlsConfigurationException when there is no key, or it cannot be decrypted or read
	 */
	static PrivateKey read(Source source, PasswordProvider passwords) {
		if (source.isPem()) {
			PemObjects pem = PemObjects.parse(source);
			Object key = pem.objects().stream().filter(PrivateKeys::isKey).findFirst()
				.orElseThrow(() -> source.failure("no private key in it, found: " + pem.found() + ".",
						"Point '" + source.option() + "' at the PEM private key (a PRIVATE KEY, RSA PRIVATE KEY "
								+ "or EC PRIVATE KEY block)."));
			return convert(key, source, passwords);
		}
		return convert(der(source), source, passwords);
	}

	private static boolean isKey(Object object) {
		return object instanceof PrivateKeyInfo || object instanceof PEMKeyPair
				|| object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo;
	}

	private static Object der(Source source) {
		try {
			return PrivateKeyInfo.getInstance(source.bytes());
		}
		catch (RuntimeException notPlain) {
			try {
				return new PKCS8EncryptedPrivateKeyInfo(source.bytes());
			}
			catch (IOException | RuntimeException notEncrypted) {
				throw source.failure("it is neither PEM (no BEGIN line) nor a DER PKCS#8 private key.",
						"Use the PEM key, or convert it: openssl pkcs8 -topk8 -nocrypt -outform DER -in KEY.");
			}
		}
	}

	private static PrivateKey convert(Object key, Source source, PasswordProvider passwords) {
		if (key instanceof PrivateKeyInfo info) {
			return toJdk(info, source);
		}
		if (key instanceof PEMKeyPair pair) {
			return toJdk(pair.getPrivateKeyInfo(), source);
		}
		char[] password = passwords.password(source.name());
		try {
			if (password == null) {
				throw source.passwordFailure("key", false, null);
			}
			return toJdk(decrypt(key, password, source), source);
		}
		finally {
			if (password != null) {
				Arrays.fill(password, '\0');
			}
		}
	}

	private static PrivateKeyInfo decrypt(Object key, char[] password, Source source) {
		try {
			if (key instanceof PEMEncryptedKeyPair legacy) {
				return legacy.decryptKeyPair(new BcPEMDecryptorProvider(password)).getPrivateKeyInfo();
			}
			return EncryptedPkcs8.decrypt((PKCS8EncryptedPrivateKeyInfo) key, password);
		}
		catch (NoSuchAlgorithmException ex) {
			throw source.failure("the key is encrypted with a scheme this JDK cannot decrypt (" + ex.getMessage()
					+ ").", "Re-encrypt it: openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY -out NEW_KEY.", ex);
		}
		catch (Exception ex) {
			// A wrong password shows as bad padding or as garbage that is no key: both mean the same to the user.
			throw source.passwordFailure("key", true, ex);
		}
	}

	private static PrivateKey toJdk(PrivateKeyInfo info, Source source) {
		ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
		String algorithm = ALGORITHMS.getOrDefault(oid, oid.getId());
		try {
			return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
		}
		catch (NoSuchAlgorithmException ex) {
			throw source.failure("its key algorithm " + algorithm + " is not supported by this JDK.",
					"Use an RSA, EC or Ed25519 key.", ex);
		}
		catch (GeneralSecurityException | IOException ex) {
			throw source.failure("the " + algorithm + " key in it cannot be read (" + ex.getMessage() + ").",
					"Check the key with: openssl pkey -noout -in KEY.", ex);
		}
	}

}
