package dev.tlsboot.core.cipher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tlsboot.core.option.TlsProtocol;

/**
 * A cipher suite that both OpenSSL and the JDK know, with OpenSSL's name and attributes. The attribute values are
 * OpenSSL's alias names ({@code kECDHE}, {@code aRSA}, {@code AESGCM}, {@code SHA384}, ...), so that the suite can be
 * matched against a cipher string exactly as OpenSSL would.
 *
 * @param jsseName the JSSE name, which is also the IANA name, e.g. {@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}
 * @param openSslName the OpenSSL name, e.g. {@code ECDHE-RSA-AES128-GCM-SHA256}
 * @param protocol the oldest protocol the suite works with; TLS 1.3 suites work with TLS 1.3 only
 * @param keyExchange {@code kRSA}, {@code kECDHE}, {@code kDHE}, or {@code any} for TLS 1.3
 * @param authentication {@code aRSA}, {@code aECDSA}, {@code aDSS}, {@code aNULL}, or {@code any} for TLS 1.3
 * @param encryption {@code AES} (CBC), {@code AESGCM}, {@code CHACHA20}, or {@code eNULL} for none
 * @param bits the strength of the encryption in bits, 0 for none
 * @param mac {@code SHA1}, {@code SHA256}, {@code SHA384}, or {@code AEAD}
 * @param strength OpenSSL's grade: {@code HIGH}, {@code MEDIUM}, {@code LOW}, or {@code NONE}
 * @param complementOfDefault whether the suite is in OpenSSL's {@code COMPLEMENTOFDEFAULT}: in {@code ALL} but not
 * in {@code DEFAULT} (anonymous and DSS suites)
 * @param id the two-byte IANA code point as one hex number, e.g. {@code 0xC02F}
 */
public record CipherSuite(String jsseName, String openSslName, TlsProtocol protocol, String keyExchange,
		String authentication, String encryption, int bits, String mac, String strength,
		boolean complementOfDefault, String id) {

	private static final String TABLE = "cipher-suites.txt";

	/** Every suite of the table, in OpenSSL's internal preference order. */
	private static final List<CipherSuite> ALL = load();

	private static final Map<String, CipherSuite> BY_NAME = index(ALL);

	/**
	 * The suite with this JSSE or OpenSSL name.
	 * @param name e.g. {@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256} or {@code ECDHE-RSA-AES128-GCM-SHA256}
	 * @return the suite, or empty when the table does not know the name
	 */
	public static Optional<CipherSuite> named(String name) {
		return Optional.ofNullable(BY_NAME.get(name));
	}

	/** Whether this is a TLS 1.3 suite, which {@code ciphersuites} configures rather than {@code cipher}. */
	public boolean tls13() {
		return this.protocol == TlsProtocol.TLS1_3;
	}

	/** Whether the key exchange is ephemeral, so that a stolen server key does not reveal past sessions. */
	public boolean forwardSecret() {
		return tls13() || "kECDHE".equals(this.keyExchange) || "kDHE".equals(this.keyExchange);
	}

	/** Whether the bulk cipher is an AEAD, which then also authenticates the records. */
	public boolean aead() {
		return "AEAD".equals(this.mac);
	}

	/**
	 * The hash of the handshake transcript, which depends on the protocol negotiated as well as the suite.
	 * @param negotiated the negotiated protocol, e.g. {@code TLSv1.2}
	 * @return {@code SHA256} or {@code SHA384} (the hash of the suite's PRF or HKDF), or {@code MD5-SHA1} before
	 * TLS 1.2
	 */
	public String handshakeDigest(String negotiated) {
		if (!"TLSv1.3".equals(negotiated) && !"TLSv1.2".equals(negotiated)) {
			return "MD5-SHA1";
		}
		return this.jsseName.endsWith("_SHA384") ? "SHA384" : "SHA256";
	}

	/** The suite as one line of {@code openssl ciphers -v} prints it. */
	public String description() {
		return String.format("%-30s %-7s Kx=%-8s Au=%-5s Enc=%-22s Mac=%-4s", this.openSslName,
				this.protocol.jsseName(), openSslKeyExchange(), openSslAuthentication(), openSslEncryption(), this.mac)
			.stripTrailing();
	}

	private String openSslKeyExchange() {
		return switch (this.keyExchange) {
			case "kECDHE" -> "ECDH";
			case "kDHE" -> "DH";
			case "kRSA" -> "RSA";
			default -> this.keyExchange;
		};
	}

	private String openSslAuthentication() {
		return switch (this.authentication) {
			case "any" -> "any";
			case "aNULL" -> "None";
			default -> this.authentication.substring(1);
		};
	}

	private String openSslEncryption() {
		return switch (this.encryption) {
			case "eNULL" -> "None";
			case "CHACHA20" -> "CHACHA20/POLY1305(" + this.bits + ")";
			default -> this.encryption + "(" + this.bits + ")";
		};
	}

	/** Every suite of the table, TLS 1.3 ones included, in OpenSSL's internal preference order. */
	static List<CipherSuite> all() {
		return ALL;
	}

	private static List<CipherSuite> load() {
		try (InputStream in = CipherSuite.class.getResourceAsStream(TABLE)) {
			if (in == null) {
				throw new IllegalStateException("Missing resource " + TABLE + " next to " + CipherSuite.class);
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			List<CipherSuite> suites = new ArrayList<>();
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!line.isBlank() && !line.startsWith("#")) {
					suites.add(parse(line.trim().split("\\s+")));
				}
			}
			return List.copyOf(suites);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + TABLE, ex);
		}
	}

	private static CipherSuite parse(String[] columns) {
		TlsProtocol protocol = (columns.length == 11) ? TlsProtocol.fromJsseName(columns[2]) : null;
		if (protocol == null) {
			throw new IllegalStateException("Malformed row in " + TABLE + ": " + String.join(" ", columns));
		}
		return new CipherSuite(columns[0], columns[1], protocol, columns[3], columns[4], columns[5],
				Integer.parseInt(columns[6]), columns[7], columns[8], "no".equals(columns[9]), columns[10]);
	}

	private static Map<String, CipherSuite> index(List<CipherSuite> suites) {
		Map<String, CipherSuite> byName = new HashMap<>();
		for (CipherSuite suite : suites) {
			byName.put(suite.jsseName, suite);
			byName.put(suite.openSslName, suite);
		}
		return Map.copyOf(byName);
	}

}
