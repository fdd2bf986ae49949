package dev.tlsboot.core.cipher;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;

/**
 * Reads an OpenSSL cipher string, the {@code cipher} option, as OpenSSL 3's ciphers(1) does, and answers with JSSE
 * suite names. Items are separated by {@code :} (or {@code ,}, {@code ;}, spaces); an item is a cipher name (OpenSSL
 * or JSSE) or an alias, several joined by {@code +} meaning all at once ({@code ECDHE+AESGCM}); a leading {@code !}
 * removes suites for good, {@code -} removes them so that a later item may add them again, {@code +} moves them to
 * the end; {@code @STRENGTH} sorts by strength and {@code @SECLEVEL=n} sets the security level. {@code DEFAULT} is
 * OpenSSL 3's {@code ALL:!COMPLEMENTOFDEFAULT:!eNULL}.
 * <p>
 * Unlike OpenSSL, which ignores names it does not know, an unknown name is an error: a typo must not silently weaken
 * the selection. TLS 1.3 suites are not selected here but by {@link Tls13Suites}.
 */
final class OpenSslCipherString {

	private static final Pattern ITEM_SEPARATOR = Pattern.compile("[:,;\\s]+");

	private static final String DEFAULT_EXPANSION = "ALL:!COMPLEMENTOFDEFAULT:!eNULL";

	private static final String EXAMPLES = "Use OpenSSL cipher names or aliases, e.g. 'ECDHE+AESGCM', "
			+ "'HIGH:!aNULL:!MD5' or 'DEFAULT:-kRSA' (`openssl ciphers -v '<string>'` lists what a string selects), "
			+ "or JSSE names such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.";

	private OpenSslCipherString() {
	}

	/**
	 * Select the suites that a cipher string names, restricted to those the JDK offers.
	 * @param cipherString an OpenSSL cipher string, e.g. {@code ECDHE+AESGCM:!aNULL}
	 * @param availableJsseSuites the suites that may be returned, usually
	 * {@code SSLContext.getSupportedSSLParameters().getCipherSuites()}
	 * @return the selected suites in OpenSSL's order, and the {@code @SECLEVEL} if any
	 * @throws TlsConfigurationException for option {@code cipher} when the string names something unknown or
	 * selects no available suite
	 */
	static CipherSelection select(String cipherString, List<String> availableJsseSuites) {
		Objects.requireNonNull(cipherString, "cipherString");
		List<CipherSuite> candidates = CipherSuite.all().stream()
			.filter((suite) -> !suite.tls13() && availableJsseSuites.contains(suite.jsseName()))
			.toList();
		CipherList list = new CipherList(candidates);
		OptionalInt securityLevel = apply(cipherString, list);
		List<String> selected = list.active().stream().map(CipherSuite::jsseName).toList();
		if (selected.isEmpty()) {
			throw new TlsConfigurationException(TlsOption.CIPHER, null,
					"'" + cipherString + "' selects no cipher suite that this JDK supports.",
					"Select some of " + candidates.stream().map(CipherSuite::openSslName).toList() + ". " + EXAMPLES);
		}
		return new CipherSelection(selected, securityLevel);
	}

	/** Apply every item to the list; answer the last {@code @SECLEVEL}. */
	private static OptionalInt apply(String cipherString, CipherList list) {
		OptionalInt securityLevel = OptionalInt.empty();
		for (String item : ITEM_SEPARATOR.split(cipherString.strip())) {
			if (item.equals("DEFAULT")) {
				apply(DEFAULT_EXPANSION, list);
			}
			else if (item.equals("@STRENGTH")) {
				list.sortByStrength();
			}
			else if (item.startsWith("@SECLEVEL=")) {
				securityLevel = OptionalInt.of(securityLevel(item));
			}
			else if (item.startsWith("@")) {
				throw new TlsConfigurationException(TlsOption.CIPHER, null, "unknown command '" + item + "'.",
						"Use @STRENGTH to sort by strength or @SECLEVEL=n (0 to 5) to set the security level.");
			}
			else if (!item.isEmpty()) {
				rule(item, list);
			}
		}
		return securityLevel;
	}

	private static int securityLevel(String item) {
		String level = item.substring("@SECLEVEL=".length());
		if (!level.matches("[0-5]")) {
			throw new TlsConfigurationException(TlsOption.CIPHER, null, "'" + item + "' is no security level.",
					"Use @SECLEVEL=0 to @SECLEVEL=5, as in OpenSSL 3; 2 is the default.");
		}
		return Integer.parseInt(level);
	}

	private static void rule(String item, CipherList list) {
		char prefix = item.charAt(0);
		Predicate<CipherSuite> matching = matching(item, (prefix == '!' || prefix == '-' || prefix == '+')
				? item.substring(1) : item);
		switch (prefix) {
			case '!' -> list.kill(matching);
			case '-' -> list.delete(matching);
			case '+' -> list.moveToEnd(matching);
			default -> list.add(matching);
		}
	}

	/** The suites matching every part of {@code ECDHE+AESGCM}. */
	private static Predicate<CipherSuite> matching(String item, String parts) {
		Predicate<CipherSuite> matching = (suite) -> true;
		for (String part : parts.split("\\+", -1)) {
			matching = matching.and(part(item, part));
		}
		return matching;
	}

	private static Predicate<CipherSuite> part(String item, String part) {
		Predicate<CipherSuite> alias = CipherAliases.find(part);
		if (alias != null) {
			return alias;
		}
		CipherSuite named = CipherSuite.named(part).orElseThrow(() -> new TlsConfigurationException(TlsOption.CIPHER, null,
				"unknown cipher or alias '" + part + "' in '" + item + "'.", EXAMPLES));
		if (named.tls13()) {
			throw new TlsConfigurationException(TlsOption.CIPHER, null, "'" + part + "' is a TLS 1.3 suite, which the "
					+ "cipher string does not select (as in OpenSSL).", "List it in 'ciphersuites' instead.");
		}
		return (suite) -> suite.equals(named);
	}

}
