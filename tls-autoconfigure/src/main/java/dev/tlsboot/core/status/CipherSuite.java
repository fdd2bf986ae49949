package dev.tlsboot.core.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a cipher suite's IANA name says, spelled as OpenSSL spells it. Only the suites the JDK offers (AES in GCM, CCM
 * and CBC, CHACHA20-POLY1305, with ECDHE, DHE or RSA key exchange, and the TLS 1.3 suites) are described; for those
 * the algorithm and secret bits are the same, so there is one {@code bits}.
 *
 * @param standardName the IANA name, e.g. {@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}
 * @param openSslName OpenSSL's name, e.g. {@code ECDHE-RSA-AES128-GCM-SHA256}
 * @param keyExchange OpenSSL's {@code Kx}: {@code ECDH}, {@code DH}, {@code RSA} or {@code any} (TLS 1.3)
 * @param authentication OpenSSL's {@code Au}: {@code ECDSA}, {@code RSA}, {@code DSS} or {@code any} (TLS 1.3)
 * @param encryption OpenSSL's {@code Enc} without the bits, e.g. {@code AESGCM}
 * @param bits the key length of the bulk cipher
 * @param mac OpenSSL's {@code Mac}: {@code AEAD}, {@code SHA1}, {@code SHA256} or {@code SHA384}
 * @param aead whether the cipher is an AEAD
 * @param minVersion the oldest protocol the suite works with, as OpenSSL names it
 * @param prfHash the hash of the suite's PRF (TLS 1.2) or HKDF (TLS 1.3)
 * @param id the two-byte code as {@code 0xC02F}, or {@code null} when not in the table
 */
record CipherSuite(String standardName, String openSslName, String keyExchange, String authentication,
		String encryption, int bits, String mac, boolean aead, String minVersion, String prfHash, String id) {

	private static final Pattern NAME = Pattern.compile("TLS_(?:(ECDHE_ECDSA|ECDHE_RSA|DHE_RSA|DHE_DSS|RSA)_WITH_)?"
			+ "(?:(AES)_(128|256)_(GCM|CCM_8|CCM|CBC)|(CHACHA20_POLY1305))_(SHA|SHA256|SHA384)");

	private static final Properties CODES = loadCodes();

	/**
	 * @param name a JSSE cipher suite name
	 * @return what the name says, or {@code null} for a suite this class does not describe (SCSVs, legacy
	 * {@code SSL_} suites, 3DES, RC4, NULL)
	 */
	static CipherSuite of(String name) {
		Matcher matcher = (name != null) ? NAME.matcher(name) : null;
		if (matcher == null || !matcher.matches()) {
			return null;
		}
		String kxAu = matcher.group(1);
		boolean chacha = matcher.group(5) != null;
		String mode = matcher.group(4);
		String hash = matcher.group(6);
		boolean aead = chacha || !"CBC".equals(mode);
		String mac = aead ? "AEAD" : ("SHA".equals(hash) ? "SHA1" : hash);
		String encryption = chacha ? "CHACHA20/POLY1305" : matcher.group(2) + mode.replace("_", "").replace("CBC", "");
		int bits = chacha ? 256 : Integer.parseInt(matcher.group(3));
		String openSslName = (kxAu != null) ? openSslName(kxAu, matcher) : name;
		return new CipherSuite(name, openSslName, keyExchange(kxAu), authentication(kxAu), encryption, bits, mac, aead,
				minVersion(kxAu, aead, mac), "SHA384".equals(hash) ? "SHA384" : "SHA256", CODES.getProperty(name));
	}

	/**
	 * The hash of the handshake transcript, which depends on the protocol negotiated as well as the suite.
	 * @param protocol the negotiated protocol, e.g. {@code TLSv1.2}
	 * @return {@code SHA256}, {@code SHA384}, or {@code MD5-SHA1} before TLS 1.2
	 */
	String handshakeDigest(String protocol) {
		return ("TLSv1.3".equals(protocol) || "TLSv1.2".equals(protocol)) ? this.prfHash : "MD5-SHA1";
	}

	/** One line in the layout of {@code openssl ciphers -v}. */
	String description() {
		return String.format("%-30s %-7s Kx=%-8s Au=%-5s Enc=%-22s Mac=%-4s", this.openSslName, this.minVersion,
				this.keyExchange, this.authentication, this.encryption + "(" + this.bits + ")", this.mac)
			.stripTrailing();
	}

	private static String openSslName(String kxAu, Matcher matcher) {
		String prefix = "RSA".equals(kxAu) ? "" : kxAu.replace('_', '-') + "-";
		if (matcher.group(5) != null) {
			return prefix + "CHACHA20-POLY1305";
		}
		String mode = matcher.group(4);
		String cipher = matcher.group(2) + matcher.group(3);
		return switch (mode) {
			case "CBC" -> prefix + cipher + "-" + matcher.group(6);
			case "GCM" -> prefix + cipher + "-GCM-" + matcher.group(6);
			default -> prefix + cipher + "-" + mode.replace("_", "");
		};
	}

	private static String keyExchange(String kxAu) {
		if (kxAu == null) {
			return "any";
		}
		return kxAu.startsWith("ECDHE") ? "ECDH" : kxAu.startsWith("DHE") ? "DH" : "RSA";
	}

	private static String authentication(String kxAu) {
		return (kxAu != null) ? kxAu.substring(kxAu.indexOf('_') + 1) : "any";
	}

	private static String minVersion(String kxAu, boolean aead, String mac) {
		if (kxAu == null) {
			return "TLSv1.3";
		}
		if (aead || !"SHA1".equals(mac)) {
			return "TLSv1.2";
		}
		// OpenSSL dates the SHA-1 CBC suites by their key exchange: ECDHE came with TLS 1.0
		return kxAu.startsWith("ECDHE") ? "TLSv1" : "SSLv3";
	}

	private static Properties loadCodes() {
		Properties codes = new Properties();
		try (InputStream in = CipherSuite.class.getResourceAsStream("cipher-suites.properties")) {
			if (in != null) {
				codes.load(in);
			}
			return codes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read cipher-suites.properties", ex);
		}
	}

}
