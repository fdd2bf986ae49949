package dev.tlsboot.core.status;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How the status records spell bytes and object identifiers. Hex is upper case without separators, as TclTLS and
 * OpenSSL print serial numbers and fingerprints; names are OpenSSL's, so values match what {@code openssl x509 -text}
 * shows.
 */
final class StatusFormat {

	private static final HexFormat HEX = HexFormat.of().withUpperCase();

	private static final Base64.Encoder PEM_BASE64 = Base64.getMimeEncoder(64, new byte[] { '\n' });

	/** OpenSSL's long names for the object identifiers found in ordinary TLS certificates. */
	private static final Map<String, String> OID_NAMES = Map.ofEntries(
			Map.entry("2.5.29.14", "X509v3 Subject Key Identifier"),
			Map.entry("2.5.29.15", "X509v3 Key Usage"),
			Map.entry("2.5.29.17", "X509v3 Subject Alternative Name"),
			Map.entry("2.5.29.18", "X509v3 Issuer Alternative Name"),
			Map.entry("2.5.29.19", "X509v3 Basic Constraints"),
			Map.entry("2.5.29.30", "X509v3 Name Constraints"),
			Map.entry("2.5.29.31", "X509v3 CRL Distribution Points"),
			Map.entry("2.5.29.32", "X509v3 Certificate Policies"),
			Map.entry("2.5.29.35", "X509v3 Authority Key Identifier"),
			Map.entry("2.5.29.37", "X509v3 Extended Key Usage"),
			Map.entry("1.3.6.1.5.5.7.1.1", "Authority Information Access"),
			Map.entry("1.3.6.1.4.1.11129.2.4.2", "CT Precertificate SCTs"),
			Map.entry("1.2.840.10045.2.1", "id-ecPublicKey"),
			Map.entry("1.2.840.10045.4.1", "ecdsa-with-SHA1"),
			Map.entry("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
			Map.entry("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"),
			Map.entry("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
			Map.entry("1.2.840.113549.1.1.1", "rsaEncryption"),
			Map.entry("1.2.840.113549.1.1.5", "sha1WithRSAEncryption"),
			Map.entry("1.2.840.113549.1.1.10", "rsassaPss"),
			Map.entry("1.2.840.113549.1.1.11", "sha256WithRSAEncryption"),
			Map.entry("1.2.840.113549.1.1.12", "sha384WithRSAEncryption"),
			Map.entry("1.2.840.113549.1.1.13", "sha512WithRSAEncryption"),
			Map.entry("1.2.840.10040.4.1", "dsaEncryption"),
			Map.entry("1.3.101.112", "ED25519"),
			Map.entry("1.3.101.113", "ED448"));

	private StatusFormat() {
	}

	static String hex(byte[] bytes) {
		return (bytes != null) ? HEX.formatHex(bytes) : null;
	}

	static String sha1Hex(byte[] bytes) {
		return hex(digest("SHA-1", bytes));
	}

	static String sha256Hex(byte[] bytes) {
		return hex(digest("SHA-256", bytes));
	}

	/**
	 * @param type the PEM label, e.g. {@code CERTIFICATE}
	 * @param der the DER encoding
	 * @return the PEM block, lines of 64 characters, ending in a newline
	 */
	static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + PEM_BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
	}

	/**
	 * @param oid a dotted object identifier
	 * @param fallback what to show when OpenSSL's name is not known here
	 * @return OpenSSL's long name for {@code oid}, or {@code fallback}
	 */
	static String oidName(String oid, String fallback) {
		return OID_NAMES.getOrDefault(oid, fallback);
	}

	/** An empty string (how JSSE says "none") as {@code null}. */
	static @Nullable String emptyToNull(@Nullable String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	private static byte[] digest(String algorithm, byte[] bytes) {
		try {
			return MessageDigest.getInstance(algorithm).digest(bytes);
		}
		catch (GeneralSecurityException ex) {
			// Every Java platform must implement SHA-1 and SHA-256
			throw new IllegalStateException(ex);
		}
	}

}
