package dev.tlsboot.core;

import java.security.Provider;
import java.security.Security;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * Everything TLS Boot asks of the Amazon Corretto Crypto Provider, in one class; only {@link Loaded} names an ACCP
 * type, and it is only loaded once ACCP is known to be on the classpath.
 */
final class Accp {

	static final String CLASS_NAME = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

	static final String PROVIDER_NAME = "AmazonCorrettoCryptoProvider";

	/** The version TLS Boot is built and tested with. */
	static final String TESTED_VERSION = "2.5.0";

	private Accp() {
	}

	/** Why ACCP cannot be installed here, or {@code null}. */
	static @Nullable String unavailability() {
		if (!onClasspath()) {
			return "ACCP is not on the classpath (software.amazon.cryptools:AmazonCorrettoCryptoProvider, class "
					+ CLASS_NAME + ")";
		}
		return Loaded.unavailability();
	}

	/** ACCP's own reason for not loading, or {@code null}. */
	static @Nullable Throwable loadingError() {
		return onClasspath() ? Loaded.loadingError() : null;
	}

	static boolean isFirst() {
		return PROVIDER_NAME.equals(Security.getProviders()[0].getName());
	}

	static void install() {
		Loaded.install();
	}

	/** The native library's version when {@code provider} is ACCP, else {@code null}. */
	static @Nullable String nativeVersion(Provider provider) {
		if (!PROVIDER_NAME.equals(provider.getName()) || !onClasspath()) {
			return null;
		}
		return Loaded.nativeVersion(provider);
	}

	/** The Maven classifier of this platform, as ACCP names its jars. */
	static String classifier() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
		String osPart = os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : os.replace(' ', '-');
		String archPart = switch (arch) {
			case "amd64", "x86_64" -> "x86_64";
			case "aarch64", "arm64" -> "aarch_64";
			default -> arch;
		};
		return osPart + "-" + archPart;
	}

	private static boolean onClasspath() {
		try {
			Class.forName(CLASS_NAME, false, Accp.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/** Loaded only when ACCP is on the classpath. */
	private static final class Loaded {

		static String unavailability() {
			try {
				AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
				Throwable error = accp.getLoadingError();
				if (error != null) {
					return "ACCP's native library does not load on this platform (" + classifier() + "): " + error;
				}
				accp.assertHealthy();
				return null;
			}
			catch (LinkageError | RuntimeException ex) {
				return "ACCP is not healthy on this platform (" + classifier() + "): " + ex;
			}
		}

		static Throwable loadingError() {
			try {
				return AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
			}
			catch (LinkageError | RuntimeException ex) {
				return ex;
			}
		}

		static void install() {
			AmazonCorrettoCryptoProvider.install();
			AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
		}

		static @Nullable String nativeVersion(Provider provider) {
			if (provider instanceof AmazonCorrettoCryptoProvider accp) {
				String version = accp.getAwsLcVersionStr();
				return version.startsWith("AWS-LC") ? version : "AWS-LC " + version;
			}
			return null;
		}

	}

}
