package dev.tlsboot.netty;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;

import javax.net.ssl.SSLContext;

import io.netty.handler.ssl.OpenSsl;
import io.netty.internal.tcnative.SSL;

/**
 * What {@link TlsProvider} needs to know about the platform: whether netty-tcnative loads, and the versions.
 */
final class TlsProviders {

	private static final System.Logger logger = System.getLogger(TlsProvider.class.getName());

	private TlsProviders() {
	}

	static TlsProvider auto() {
		return AutoChoice.PROVIDER;
	}

	static void requireOpenSsl() {
		if (!OpenSsl.isAvailable()) {
			throw new IllegalStateException("The OpenSSL TLS provider was asked for, but netty-tcnative cannot be "
					+ "loaded: " + OpenSsl.unavailabilityCause() + ". Add io.netty:netty-tcnative-boringssl-static "
					+ "for this platform, or set 'tls.provider' to 'auto' or 'jdk'.", OpenSsl.unavailabilityCause());
		}
	}

	static String version(TlsProvider resolved) {
		if (resolved == TlsProvider.OPENSSL) {
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

		static final TlsProvider PROVIDER = choose();

		private static TlsProvider choose() {
			if (OpenSsl.isAvailable()) {
				logger.log(System.Logger.Level.INFO, () -> "TLS provider 'auto' chose OpenSSL: "
						+ version(TlsProvider.OPENSSL));
				return TlsProvider.OPENSSL;
			}
			logger.log(System.Logger.Level.INFO, () -> "TLS provider 'auto' chose the JDK (" + version(TlsProvider.JDK)
					+ "): netty-tcnative is not usable here: " + OpenSsl.unavailabilityCause());
			return TlsProvider.JDK;
		}

	}

}
