package dev.tlsboot.core.material;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The two PEM forms almost every deployment uses, certificates and unencrypted PKCS#8 keys, read with the JDK alone.
 * Bouncy Castle reads every other flavour, but its signed jars cost about half a second to open in a fresh JVM, a
 * price a service that only has {@code BEGIN CERTIFICATE} and a {@code PRIVATE KEY} block files should not pay at
 * startup. Anything else returns {@code null}, and the caller hands the file to Bouncy Castle.
 */
final class JdkPem {

	private static final Pattern BLOCK = Pattern
		.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

	/** PKCS#8 does not say its algorithm in a way the JDK reads, so each is tried; a wrong one fails fast. */
	private static final List<String> KEY_ALGORITHMS = List.of("EC", "RSA", "Ed25519", "Ed448", "RSASSA-PSS", "DSA");

	private JdkPem() {
	}

	/**
	 * @param pem PEM content
	 * @return every certificate when all blocks are {@code CERTIFICATE}, else {@code null}
	 */
	static @Nullable List<X509Certificate> certificatesOnly(byte[] pem) {
		List<byte[]> blocks = blocks(pem, "CERTIFICATE");
		if (blocks == null) {
			return null;
		}
		try {
			CertificateFactory factory = CertificateFactory.getInstance("X.509");
			List<X509Certificate> certificates = new ArrayList<>();
			for (byte[] der : blocks) {
				certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
			}
			return certificates;
		}
		catch (CertificateException ex) {
			return null;
		}
	}

	/**
	 * @param pem PEM content
	 * @return the key when the content is exactly one {@code PRIVATE KEY} block the JDK reads, else {@code null}
	 */
	static @Nullable PrivateKey pkcs8Key(byte[] pem) {
		List<byte[]> blocks = blocks(pem, "PRIVATE KEY");
		if (blocks == null || blocks.size() != 1) {
			return null;
		}
		PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(blocks.get(0));
		for (String algorithm : KEY_ALGORITHMS) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(spec);
			}
			catch (GeneralSecurityException | RuntimeException ex) {
				// not this algorithm: try the next
			}
		}
		return null;
	}

	/** The decoded blocks when there is at least one and all carry {@code label}, else {@code null}. */
	private static @Nullable List<byte[]> blocks(byte[] pem, String label) {
		String text = new String(pem, StandardCharsets.US_ASCII);
		List<byte[]> blocks = new ArrayList<>();
		Matcher matcher = BLOCK.matcher(text);
		int end = 0;
		while (matcher.find()) {
			if (!matcher.group(1).equals(label) || !text.substring(end, matcher.start()).isBlank()) {
				return null;
			}
			try {
				blocks.add(Base64.getMimeDecoder().decode(matcher.group(2)));
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
			end = matcher.end();
		}
		return (blocks.isEmpty() || !text.substring(end).isBlank()) ? null : blocks;
	}

}
