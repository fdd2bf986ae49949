package dev.tlsboot.core.material;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import java.util.Locale;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.encoders.Hex;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;

import dev.tlsboot.pki.IssuedCertificate;

/**
 * Writes test keys and certificates in the formats the loaders read that {@code dev.tlsboot.pki} does not write
 * (OpenSSL's traditional and legacy encrypted PEM, other PBE schemes, JKS, several entries per keystore). Only the
 * JDK's providers are used: Bouncy Castle's encrypting PEM writers need its provider, which the loaders must not need
 * either.
 */
final class TestMaterial {

	static final String PASSWORD = "s3cret pass";

	private static final SecureRandom RANDOM = new SecureRandom();

	private TestMaterial() {
	}

	static Path write(Path directory, String name, String content) throws IOException {
		return write(directory, name, content.getBytes(StandardCharsets.US_ASCII));
	}

	static Path write(Path directory, String name, byte[] content) throws IOException {
		return Files.write(directory.resolve(name), content);
	}

	/** PEM of certificates and PEM objects. */
	static String pem(Object... objects) {
		try (StringWriter out = new StringWriter(); JcaPEMWriter writer = new JcaPEMWriter(out)) {
			for (Object object : objects) {
				if (object instanceof PemObject block) {
					writer.writeObject(block);
				}
				else {
					writer.writeObject(object);
				}
			}
			writer.flush();
			return out.toString();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * OpenSSL's traditional form: {@code RSA PRIVATE KEY} (PKCS#1) or {@code EC PRIVATE KEY} (SEC1, with the curve,
	 * which OpenSSL needs and the JDK's encoding leaves to the PKCS#8 wrapper).
	 */
	static PemObject traditional(PrivateKey key) throws IOException {
		PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
		if (key instanceof ECPrivateKey ec) {
			ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
			org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
					ec.getParams().getOrder().bitLength(), ec.getS(), curve);
			return new PemObject("EC PRIVATE KEY", sec1.getEncoded());
		}
		return new PemObject("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded());
	}

	/**
	 * Encrypted PKCS#8 written by the JDK with any of its PBE schemes: PBES2 ({@code PBEWithHmacSHA256AndAES_256}),
	 * or the PKCS#12 {@code PBEWithSHA1AndDESede}. TLS Boot's own form is {@code IssuedCertificate}'s.
	 */
	static String encryptedPkcs8(PrivateKey key, String scheme, String password) throws Exception {
		byte[] salt = random(16);
		PBEParameterSpec spec = scheme.contains("AES") ? new PBEParameterSpec(salt, 2048, new IvParameterSpec(random(16)))
				: new PBEParameterSpec(salt, 2048);
		Cipher cipher = Cipher.getInstance(scheme);
		cipher.init(Cipher.ENCRYPT_MODE, SecretKeyFactory.getInstance(scheme)
			.generateSecret(new PBEKeySpec(password.toCharArray())), spec);
		byte[] encrypted = cipher.doFinal(key.getEncoded());
		// The JDK encodes PBES2 only under that name, not under the cipher's (PBEWithHmacSHA256AndAES_256).
		AlgorithmParameters parameters = AlgorithmParameters.getInstance(scheme.contains("AES") ? "PBES2" : scheme);
		parameters.init(cipher.getParameters().getEncoded());
		EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(parameters, encrypted);
		return pem(new PemObject("ENCRYPTED PRIVATE KEY", info.getEncoded()));
	}

	/**
	 * OpenSSL's legacy encrypted PEM ({@code Proc-Type: 4,ENCRYPTED}, {@code DEK-Info}): the traditional key under
	 * AES-CBC or DES-EDE3-CBC with a key from EVP_BytesToKey (MD5, one round, the IV's first 8 bytes as salt).
	 */
	static String legacyEncrypted(PrivateKey key, String dekAlgorithm, String password) throws Exception {
		boolean aes = dekAlgorithm.startsWith("AES");
		int keyLength = aes ? Integer.parseInt(dekAlgorithm.substring(4, 7)) / 8 : 24;
		byte[] iv = random(aes ? 16 : 8);
		byte[] derived = new byte[keyLength];
		byte[] previous = new byte[0];
		MessageDigest md5 = MessageDigest.getInstance("MD5");
		for (int filled = 0; filled < keyLength; filled += previous.length) {
			md5.update(previous);
			md5.update(password.getBytes(StandardCharsets.UTF_8));
			md5.update(iv, 0, 8);
			previous = md5.digest();
			System.arraycopy(previous, 0, derived, filled, Math.min(previous.length, keyLength - filled));
		}
		Cipher cipher = Cipher.getInstance(aes ? "AES/CBC/PKCS5Padding" : "DESede/CBC/PKCS5Padding");
		cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derived, aes ? "AES" : "DESede"), new IvParameterSpec(iv));
		PemObject plain = traditional(key);
		PemObject encrypted = new PemObject(plain.getType(),
				List.of(new PemHeader("Proc-Type", "4,ENCRYPTED"),
						new PemHeader("DEK-Info", dekAlgorithm + "," + Hex.toHexString(iv).toUpperCase(Locale.ROOT))),
				cipher.doFinal(plain.getContent()));
		return pem(encrypted);
	}

	private static byte[] random(int length) {
		byte[] bytes = new byte[length];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	/** A keystore holding each certificate's key entry under the given aliases. */
	static byte[] keyStore(String type, String password, List<String> aliases, List<IssuedCertificate> entries)
			throws GeneralSecurityException, IOException {
		KeyStore store = KeyStore.getInstance(type);
		store.load(null, null);
		for (int i = 0; i < entries.size(); i++) {
			IssuedCertificate entry = entries.get(i);
			store.setKeyEntry(aliases.get(i), entry.keyPair().getPrivate(), password.toCharArray(),
					entry.chain().toArray(Certificate[]::new));
		}
		return store(store, password);
	}

	/** A keystore of trusted certificate entries. */
	static byte[] trustStore(String type, String password, X509Certificate... certificates)
			throws GeneralSecurityException, IOException {
		KeyStore store = KeyStore.getInstance(type);
		store.load(null, null);
		for (int i = 0; i < certificates.length; i++) {
			store.setCertificateEntry("ca" + i, certificates[i]);
		}
		return store(store, password);
	}

	private static byte[] store(KeyStore store, String password) throws GeneralSecurityException, IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		store.store(out, password.toCharArray());
		return out.toByteArray();
	}

}
