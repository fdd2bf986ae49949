package dev.tlsboot.core.cipher;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.option.TlsProtocol;

/**
 * OpenSSL's cipher aliases as predicates over {@link CipherSuite}, with the meanings of OpenSSL 3's ciphers(1).
 */
final class CipherAliases {

	private static final Map<String, Predicate<CipherSuite>> ALIASES = aliases();

	private CipherAliases() {
	}

	/**
	 * @param name an alias such as {@code ECDHE} or {@code HIGH}
	 * @return the suites it names, or {@code null} when it is no alias
	 */
	static @Nullable Predicate<CipherSuite> find(String name) {
		return ALIASES.get(name);
	}

	private static Map<String, Predicate<CipherSuite>> aliases() {
		Map<String, Predicate<CipherSuite>> aliases = new HashMap<>();
		Predicate<CipherSuite> noEncryption = is(CipherSuite::encryption, "eNULL");
		Predicate<CipherSuite> anonymous = is(CipherSuite::authentication, "aNULL");
		aliases.put("ALL", noEncryption.negate());
		aliases.put("COMPLEMENTOFALL", noEncryption);
		aliases.put("COMPLEMENTOFDEFAULT", CipherSuite::complementOfDefault);
		// Only used combined with others: on its own, DEFAULT is expanded (see OpenSslCipherString)
		aliases.put("DEFAULT", noEncryption.negate().and((suite) -> !suite.complementOfDefault()));
		same(aliases, noEncryption, "eNULL", "NULL");
		aliases.put("aNULL", anonymous);
		for (String grade : List.of("HIGH", "MEDIUM", "LOW")) {
			aliases.put(grade, is(CipherSuite::strength, grade));
		}
		same(aliases, is(CipherSuite::keyExchange, "kRSA"), "kRSA", "RSA");
		Predicate<CipherSuite> ecdhe = is(CipherSuite::keyExchange, "kECDHE");
		same(aliases, ecdhe, "kECDHE", "kEECDH", "ECDH");
		same(aliases, ecdhe.and(anonymous.negate()), "ECDHE", "EECDH");
		aliases.put("AECDH", ecdhe.and(anonymous));
		Predicate<CipherSuite> dhe = is(CipherSuite::keyExchange, "kDHE");
		same(aliases, dhe, "kDHE", "kEDH", "DH");
		same(aliases, dhe.and(anonymous.negate()), "DHE", "EDH");
		aliases.put("ADH", dhe.and(anonymous));
		aliases.put("aRSA", is(CipherSuite::authentication, "aRSA"));
		same(aliases, is(CipherSuite::authentication, "aECDSA"), "aECDSA", "ECDSA");
		same(aliases, is(CipherSuite::authentication, "aDSS"), "aDSS", "DSS");
		for (String family : List.of("AES", "CAMELLIA", "ARIA")) {
			Predicate<CipherSuite> inFamily = (suite) -> suite.encryption().startsWith(family);
			aliases.put(family, inFamily);
			aliases.put(family + "128", inFamily.and((suite) -> suite.bits() == 128));
			aliases.put(family + "256", inFamily.and((suite) -> suite.bits() == 256));
		}
		for (String cipher : List.of("AESGCM", "AESCCM", "AESCCM8", "ARIAGCM", "CHACHA20", "3DES", "DES", "RC4",
				"RC2", "IDEA", "SEED")) {
			aliases.put(cipher, is(CipherSuite::encryption, cipher));
		}
		same(aliases, is(CipherSuite::mac, "SHA1"), "SHA1", "SHA");
		for (String mac : List.of("SHA256", "SHA384", "MD5")) {
			aliases.put(mac, is(CipherSuite::mac, mac));
		}
		// The oldest protocol of a suite, not every protocol it works with, as in OpenSSL
		for (TlsProtocol protocol : List.of(TlsProtocol.TLS1_2, TlsProtocol.TLS1, TlsProtocol.SSL3)) {
			aliases.put(protocol.jsseName(), (suite) -> suite.protocol() == protocol);
		}
		aliases.put("TLSv1.0", aliases.get("TLSv1"));
		// Valid in OpenSSL, but no suite of the JDK (or none OpenSSL 3 still has) uses them
		same(aliases, (suite) -> false, "PSK", "kPSK", "aPSK", "kECDHEPSK", "kDHEPSK", "kRSAPSK", "SRP", "kSRP",
				"aSRP", "EXPORT", "EXP");
		return Map.copyOf(aliases);
	}

	private static Predicate<CipherSuite> is(Function<CipherSuite, String> attribute, String value) {
		return (suite) -> value.equals(attribute.apply(suite));
	}

	private static void same(Map<String, Predicate<CipherSuite>> aliases, Predicate<CipherSuite> predicate,
			String... names) {
		for (String name : names) {
			aliases.put(name, predicate);
		}
	}

}
