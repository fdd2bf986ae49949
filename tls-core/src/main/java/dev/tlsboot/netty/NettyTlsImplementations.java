package dev.tlsboot.netty;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;

import io.netty.handler.ssl.OpenSsl;
import io.netty.internal.tcnative.SSL;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;

/**
 * What {@link NettyTlsImplementation} needs to know about the platform: whether netty-tcnative loads, and the versions.
 */
final class NettyTlsImplementations {

	private static final System.Logger logger = System.getLogger(NettyTlsImplementation.class.getName());

	private static final Set<String> BORINGSSL_TLS13 = Set.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
			"TLS_CHACHA20_POLY1305_SHA256");

	private NettyTlsImplementations() {
	}

	static NettyTlsImplementation auto() {
		return AutoChoice.PROVIDER;
	}

	/**
	 * The implementation for one context's Netty channels. BoringSSL always offers and accepts its three TLS 1.3
	 * suites, whatever it is told: a context that keeps TLS 1.3 to fewer gets the JDK when the choice was
	 * {@code auto}, and an error when OpenSSL was asked for by name, rather than suites it did not allow.
	 */
	static NettyTlsImplementation resolve(NettyTlsImplementation asked, TlsContext context) {
		NettyTlsImplementation resolved = asked.resolve();
		if (resolved != NettyTlsImplementation.OPENSSL || !"BoringSSL".equals(OpenSsl.versionString())
				|| !context.protocols().contains("TLSv1.3") || context.cipherSuites().containsAll(BORINGSSL_TLS13)) {
			return resolved;
		}
		List<String> allowed = context.cipherSuites().stream().filter(BORINGSSL_TLS13::contains).toList();
		if (asked == NettyTlsImplementation.OPENSSL) {
			throw new TlsConfigurationException(TlsOption.CIPHERSUITES, null, "context '" + context.name()
					+ "' keeps TLS 1.3 to " + allowed + ", but BoringSSL cannot leave out any of " + BORINGSSL_TLS13
					+ ".", "Set 'provider' to 'jdk' or 'auto', or leave 'ciphersuites' at its default.");
		}
		logger.log(System.Logger.Level.INFO, () -> "Context '" + context.name() + "' keeps TLS 1.3 to " + allowed
				+ ", which BoringSSL cannot: its Netty channels use the JDK");
		return NettyTlsImplementation.JDK;
	}

	static void requireOpenSsl() {
		if (!OpenSsl.isAvailable()) {
			throw new TlsConfigurationException(TlsOption.PROVIDER, null, "OpenSSL was asked for ('openssl'), but "
					+ "netty-tcnative cannot be loaded: " + OpenSsl.unavailabilityCause() + ".",
					"Add io.netty:netty-tcnative-boringssl-static for this platform, or set 'provider' to 'auto' or "
							+ "'jdk'.",
					OpenSsl.unavailabilityCause());
		}
	}

	static String version(NettyTlsImplementation resolved) {
		if (resolved == NettyTlsImplementation.OPENSSL) {
			// BoringSSL names itself without a version; the tcnative release pins the BoringSSL it was built with.
			return OpenSsl.versionString() + " (netty-tcnative " + SSL.class.getPackage().getImplementationVersion()
					+ ")";
		}
		try {
			Provider jdk = SSLContext.getInstance("TLS").getProvider();
			return jdk.getName() + " " + jdk.getVersionStr();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The JDK's TLS provider is not usable", ex);
		}
	}

	/** Chosen once, on first use, and logged: the answer cannot change while the JVM runs. */
	private static final class AutoChoice {

		static final NettyTlsImplementation PROVIDER = choose();

		private static NettyTlsImplementation choose() {
			if (OpenSsl.isAvailable()) {
				logger.log(System.Logger.Level.INFO, () -> "TLS provider 'auto' chose OpenSSL: "
						+ version(NettyTlsImplementation.OPENSSL));
				return NettyTlsImplementation.OPENSSL;
			}
			logger.log(System.Logger.Level.INFO, () -> "TLS provider 'auto' chose the JDK ("
					+ version(NettyTlsImplementation.JDK) + "): netty-tcnative is not usable here: "
					+ OpenSsl.unavailabilityCause());
			return NettyTlsImplementation.JDK;
		}

	}

}
