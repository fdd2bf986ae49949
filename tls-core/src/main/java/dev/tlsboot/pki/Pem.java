package dev.tlsboot.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PEM out, and certificate requests in, with Bouncy Castle's parser and writer over the JDK's providers. Certificates
 * and keys are read by {@link dev.tlsboot.core.material.KeyMaterialLoader}.
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

	/** The key as unencrypted PKCS#8 (a {@code PRIVATE KEY} block). */
	static String privateKey(PrivateKey key) {
		// A PemObject, not the PrivateKeyInfo: BC would write RSA and EC keys in their traditional OpenSSL forms.
		return write(List.of(new PemObject("PRIVATE KEY", key.getEncoded())));
	}

	/** The key as PKCS#8 encrypted with PBES2 (an {@code ENCRYPTED PRIVATE KEY} block). */
	static String encryptedPrivateKey(PrivateKey key, char[] password) {
		EncryptedPrivateKeyInfo info = Pbes2.encrypt(key.getEncoded(), password);
		try {
			return write(List.of(new PemObject("ENCRYPTED PRIVATE KEY", info.getEncoded())));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot encode an encrypted key", ex);
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
