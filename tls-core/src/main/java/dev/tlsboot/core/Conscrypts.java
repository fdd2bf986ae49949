package dev.tlsboot.core;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;

import org.conscrypt.Conscrypt;
import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.option.TlsProtocol;

/**
 * Everything TLS Boot asks of Conscrypt, in one class that is only loaded when Conscrypt is on the classpath and
 * chosen (the rest of the core never names an {@code org.conscrypt} type).
 */
final class Conscrypts {

	/** Conscrypt's TLS 1.3 suites: BoringSSL enables all three, whatever it is told. */
	static final Set<String> TLS13_SUITES = Set.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
			"TLS_CHACHA20_POLY1305_SHA256");

	/** The groups Conscrypt 2.9 can be told to use (its BoringSSL has no X448, finite field or P-256 hybrids). */
	private static final Set<String> GROUPS = Set.of("X25519MLKEM768", "X25519", "P-256", "P-384", "P-521");

	private Conscrypts() {
	}

	static boolean isAvailable() {
		return unavailability() == null;
	}

	/** Why Conscrypt cannot be used here, or {@code null}. */
	static @Nullable String unavailability() {
		return Loaded.UNAVAILABILITY;
	}

	static Provider provider() {
		return Loaded.PROVIDER;
	}

	static SSLContext probe() {
		return Loaded.PROBE;
	}

	static String version() {
		Conscrypt.Version version = Conscrypt.version();
		return "Conscrypt " + version.major() + "." + version.minor() + "." + version.patch() + " (BoringSSL)";
	}

	/**
	 * Why Conscrypt cannot honour {@code options}, or {@code null}: it cannot leave out any of its TLS 1.3 suites.
	 * @param tls13Suites the TLS 1.3 suites the options select, after the security level
	 */
	static String tls13Problem(TlsOptions options, List<String> tls13Suites) {
		if (!options.enabled(TlsProtocol.TLS1_3) || tls13Suites.containsAll(TLS13_SUITES)) {
			return null;
		}
		return "Conscrypt always enables the TLS 1.3 suites " + TLS13_SUITES.stream().sorted().toList()
				+ ", and the options keep TLS 1.3 to " + tls13Suites;
	}

	static boolean hasGroup(NamedGroups.Group group) {
		return GROUPS.contains(group.openSslName());
	}

	static void prepare(SSLSocket socket, List<String> jsseGroups) {
		Conscrypt.setUseSessionTickets(socket, true);
		if (!jsseGroups.isEmpty() && !TlsParameters.NAMED_GROUPS_API) {
			Conscrypt.setNamedGroups(socket, jsseGroups.toArray(String[]::new));
		}
	}

	static void prepare(SSLEngine engine) {
		Conscrypt.setUseSessionTickets(engine, true);
	}

	/** Loaded on first use: the native library, and one provider instance for the JVM. */
	private static final class Loaded {

		static final String UNAVAILABILITY = check();

		static final Provider PROVIDER = (UNAVAILABILITY == null) ? Conscrypt.newProvider() : null;

		static final SSLContext PROBE = (PROVIDER != null) ? JsseImplementation.CONSCRYPT.initialisedForProbing()
				: null;

		private static String check() {
			try {
				Class.forName("org.conscrypt.Conscrypt", false, Conscrypts.class.getClassLoader());
			}
			catch (ClassNotFoundException | LinkageError ex) {
				return "Conscrypt is not on the classpath (org.conscrypt:conscrypt-openjdk-uber)";
			}
			try {
				Conscrypt.checkAvailability();
				return null;
			}
			catch (LinkageError | RuntimeException ex) {
				return "Conscrypt's native library does not load on this platform: " + ex;
			}
		}

	}

}
