package dev.tlsboot.core;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import javax.net.ssl.SSLParameters;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;

/**
 * Reads the {@code groups} option: key exchange groups by OpenSSL name, separated by {@code :}, as in OpenSSL's
 * {@code -groups} (for example {@code X25519MLKEM768:X25519:P-256}), and knows each group's JSSE name.
 */
final class NamedGroups {

	/** A key exchange group: OpenSSL's name (which Conscrypt takes too) and the JSSE name. */
	record Group(String openSslName, String jsseName) {
	}

	/** Every group of the TLS registry a JSSE provider may implement; lower-case aliases map to them. */
	private static final Map<String, Group> KNOWN = Map.ofEntries(entry("X25519MLKEM768", "X25519MLKEM768"),
			entry("SecP256r1MLKEM768", "SecP256r1MLKEM768"), entry("SecP384r1MLKEM1024", "SecP384r1MLKEM1024"),
			entry("X25519", "x25519"), entry("X448", "x448"), entry("P-256", "secp256r1"),
			entry("P-384", "secp384r1"), entry("P-521", "secp521r1"), entry("ffdhe2048", "ffdhe2048"),
			entry("ffdhe3072", "ffdhe3072"), entry("ffdhe4096", "ffdhe4096"), entry("ffdhe6144", "ffdhe6144"),
			entry("ffdhe8192", "ffdhe8192"));

	/** OpenSSL's other spellings of the NIST curves. */
	private static final Map<String, String> ALIASES = Map.of("secp256r1", "P-256", "prime256v1", "P-256",
			"secp384r1", "P-384", "secp521r1", "P-521");

	/**
	 * The order used when {@code groups} is not set, where a provider can be told (Conscrypt; JDK 20 and later):
	 * the post-quantum hybrid first, so that recorded traffic stays safe from a future quantum computer, then the
	 * classical groups in the order every TLS stack prefers them. A provider skips what it lacks.
	 */
	static final List<Group> DEFAULT = List.of(group("X25519MLKEM768"), group("X25519"), group("P-256"),
			group("P-384"));

	private static final System.Logger logger = System.getLogger(TlsContext.class.getName());

	private NamedGroups() {
	}

	/**
	 * The groups of {@code groups} that {@code provider} takes. Conscrypt's are checked already; the JDK's own TLS
	 * (JDK 20 and later) takes any name in {@code SSLParameters.setNamedGroups} and skips, without a word, those it
	 * lacks (JDK 25 takes {@code X25519MLKEM768}, which JSSE implements from JDK 27), so its supported list is asked,
	 * not its version.
	 * @param provider the resolved provider of the context
	 * @param groups the groups wanted, most preferred first
	 * @param named whether the {@code groups} option named them: each the JDK lacks is then warned about, and none
	 * left is refused, as no handshake could complete
	 * @return the groups the provider implements, in the order given
	 * @throws TlsConfigurationException for option {@code groups} when the JDK implements none of those named
	 */
	static List<Group> settable(JsseImplementation provider, List<Group> groups, boolean named) {
		List<String> supported = (provider == JsseImplementation.CONSCRYPT) ? null : JdkGroups.SUPPORTED;
		if (supported == null) {
			return groups;
		}
		List<Group> implemented = groups.stream()
			.filter((group) -> supported.stream().anyMatch(group.jsseName()::equalsIgnoreCase))
			.toList();
		List<String> missing = groups.stream().filter((group) -> !implemented.contains(group))
			.map(Group::openSslName).toList();
		if (named && implemented.isEmpty()) {
			throw new TlsConfigurationException(TlsOption.GROUPS, null, "the JDK " + Runtime.version().feature()
					+ " TLS implements none of " + missing + ".", "Name groups it has, e.g. 'X25519:P-256', or set "
							+ "'provider' to 'conscrypt' (or 'openssl' for Netty channels).");
		}
		if (named && !missing.isEmpty()) {
			logger.log(System.Logger.Level.WARNING, () -> "'groups' names " + missing + ", which the JDK "
					+ Runtime.version().feature() + " TLS does not implement (its named groups: " + supported
					+ "): this context's JDK sockets and engines leave them out and offer "
					+ implemented.stream().map(Group::openSslName).toList() + " only.");
		}
		return implemented;
	}

	/** What the JDK implements, asked once per JVM rather than at every context's build. */
	private static final class JdkGroups {

		static final @Nullable List<String> SUPPORTED = jdkSupported();

	}

	/**
	 * JSSE names of the groups the JDK's TLS implements, or {@code null} before JDK 20, which cannot tell (and sets
	 * no groups per context).
	 */
	private static @Nullable List<String> jdkSupported() {
		try {
			Method getNamedGroups = SSLParameters.class.getMethod("getNamedGroups");
			SSLParameters supported = JsseImplementation.JDK.probe().getSupportedSSLParameters();
			return List.of((String[]) getNamedGroups.invoke(supported));
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("SSLParameters.getNamedGroups failed", ex);
		}
	}

	/**
	 * Read a {@code groups} value.
	 * @param groups e.g. {@code X25519MLKEM768:X25519:P-256}, at least one; names are matched ignoring case
	 * @return the groups, in the order given, without duplicates
	 * @throws TlsConfigurationException for option {@code groups} when a name is unknown
	 */
	static List<Group> parse(List<String> groups) {
		List<Group> parsed = new ArrayList<>();
		for (String name : groups) {
			Group group = lookup(name.strip());
			if (!parsed.contains(group)) {
				parsed.add(group);
			}
		}
		return List.copyOf(parsed);
	}

	/** Split an OpenSSL {@code -groups} value at its colons. */
	static List<String> split(String groups) {
		return List.of(Objects.requireNonNull(groups, "groups").split(":")).stream().map(String::strip)
			.filter((name) -> !name.isEmpty()).toList();
	}

	private static Group lookup(String name) {
		String alias = ALIASES.get(name.toLowerCase(Locale.ROOT));
		String wanted = (alias != null) ? alias : name;
		return KNOWN.values().stream().filter((group) -> group.openSslName().equalsIgnoreCase(wanted)
				|| group.jsseName().equalsIgnoreCase(wanted)).findFirst()
			.orElseThrow(() -> new TlsConfigurationException(TlsOption.GROUPS, null,
					"unknown key exchange group '" + name + "'.",
					"Use OpenSSL names separated by ':', e.g. 'X25519MLKEM768:X25519:P-256'; known: "
							+ KNOWN.keySet().stream().sorted().toList() + "."));
	}

	private static Group group(String openSslName) {
		return KNOWN.get(openSslName);
	}

	private static Map.Entry<String, Group> entry(String openSslName, String jsseName) {
		return Map.entry(openSslName, new Group(openSslName, jsseName));
	}

}
