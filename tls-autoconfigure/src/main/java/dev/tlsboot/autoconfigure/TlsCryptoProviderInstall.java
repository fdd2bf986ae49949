package dev.tlsboot.autoconfigure;

import java.util.Locale;

import org.apache.commons.logging.Log;

import dev.tlsboot.core.CryptoImplementation;

/**
 * {@code tls.crypto-provider}, installed: the one place that installs it and says so, for
 * {@link TlsCryptoProviderEnvironmentPostProcessor} (see there for where and why) and for the auto-configuration's
 * bean, which the contexts wait for.
 */
final class TlsCryptoProviderInstall {

	static final String PROPERTY = "tls.crypto-provider";

	private TlsCryptoProviderInstall() {
	}

	/**
	 * Install {@code choice} (nothing for {@link CryptoImplementation#JDK}) and log, once per JVM, which provider is
	 * first.
	 * @throws dev.tlsboot.core.option.TlsConfigurationException naming {@value #PROPERTY} when it cannot be installed
	 */
	static TlsCryptoProviderInstall install(CryptoImplementation choice, Log logger) {
		if (choice != CryptoImplementation.JDK) {
			boolean before = choice.isInstalled();
			String first = choice.install(PROPERTY);
			if (!before) {
				logger.info("TLS crypto: " + first + " is now the first JCA provider (" + PROPERTY + "="
						+ choice.name().toLowerCase(Locale.ROOT) + ", for the whole JVM)");
			}
		}
		return new TlsCryptoProviderInstall();
	}

}
