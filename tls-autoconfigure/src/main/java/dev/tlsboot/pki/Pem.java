package dev.tlsboot.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PEM in and out, with Bouncy Castle's parser and writer over the JDK's providers.
 */
final class Pem {

	private Pem() {
	}

	/** One or more objects BC knows how to write: certificates, keys, requests, encrypted key infos. */
	static String write(List<?> objects) {
		try (StringWriter out = new StringWriter(); JcaPEMWriter writer = new JcaPEMWriter(out)) {
			for (Object object : objects) {
				writer.writeObject(object);
			}
			writer.flush();
			return out.toString();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot write PEM", ex);
		}
	}

	/** The key as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}). */
	static String privateKey(PrivateKey key) {
		// A PemObject, not the PrivateKeyInfo: BC would write RSA and EC keys in their traditional OpenSSL forms.
		return write(List.of(new PemObject("PRIVATE KEY", key.getEncoded())));
	}

	/** The key as PKCS#8 encrypted with PBES2 ({@code BEGIN ENCRYPTED PRIVATE KEY}). */
	static String encryptedPrivateKey(PrivateKey key, char[] password) {
		EncryptedPrivateKeyInfo info = Pbes2.encrypt(key.getEncoded(), password);
		try {
			return write(List.of(new PemObject("ENCRYPTED PRIVATE KEY", info.getEncoded())));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot encode an encrypted key", ex);
		}
	}

	/**
	 * Every certificate in the PEM text, in order.
	 * @param what what the text is, for messages
	 */
	static List<X509Certificate> readCertificates(String pem, String what) {
		List<X509Certificate> certificates = new ArrayList<>();
		JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
		for (Object object : readAll(pem, what)) {
			if (object instanceof X509CertificateHolder holder) {
				try {
					certificates.add(converter.getCertificate(holder));
				}
				catch (CertificateException ex) {
					throw new IllegalArgumentException("The " + what + " holds a certificate the JDK cannot read", ex);
				}
			}
		}
		if (certificates.isEmpty()) {
			throw new IllegalArgumentException("The " + what + " holds no BEGIN CERTIFICATE block");
		}
		return certificates;
	}

	/**
	 * The first private key in the PEM text: PKCS#8, encrypted PKCS#8 (PBES2) or a traditional OpenSSL key.
	 * @param password the password of an encrypted key, or {@code null}
	 */
	static PrivateKey readPrivateKey(String pem, char[] password) {
		JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
		try {
			for (Object object : readAll(pem, "private key PEM")) {
				if (object instanceof PrivateKeyInfo info) {
					return converter.getPrivateKey(info);
				}
				if (object instanceof PEMKeyPair pair) {
					return converter.getPrivateKey(pair.getPrivateKeyInfo());
				}
				if (object instanceof PEMEncryptedKeyPair) {
					throw new IllegalArgumentException("The private key uses OpenSSL's legacy PEM encryption: "
							+ "convert it with 'openssl pkcs8 -topk8 -v2 aes-256-cbc'");
				}
				if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
					if (password == null) {
						throw new IllegalArgumentException("The private key is encrypted: give its password");
					}
					return converter.getPrivateKey(decrypt(encrypted, password));
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("The private key PEM holds a key the JDK cannot read", ex);
		}
		throw new IllegalArgumentException(
				"The private key PEM holds no BEGIN PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY block");
	}

	private static PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, char[] password) {
		byte[] pkcs8 = Pbes2.decrypt(encrypted.toASN1Structure(), password);
		try {
			return PrivateKeyInfo.getInstance(pkcs8);
		}
		catch (IllegalArgumentException ex) {
			// A wrong password passes the padding check once in a few hundred tries, and yields garbage.
			throw new IllegalArgumentException("Cannot decrypt the private key: the password is wrong", ex);
		}
	}

	/** The first certificate request ({@code BEGIN CERTIFICATE REQUEST}) in the PEM text. */
	static PKCS10CertificationRequest readRequest(String pem) {
		return readAll(pem, "certificate request PEM").stream()
			.filter(PKCS10CertificationRequest.class::isInstance)
			.map(PKCS10CertificationRequest.class::cast)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"The certificate request PEM holds no BEGIN CERTIFICATE REQUEST block"));
	}

	private static List<Object> readAll(String pem, String what) {
		List<Object> objects = new ArrayList<>();
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
				objects.add(object);
			}
			return objects;
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("The " + what + " is not valid PEM: " + ex.getMessage(), ex);
		}
	}

}
