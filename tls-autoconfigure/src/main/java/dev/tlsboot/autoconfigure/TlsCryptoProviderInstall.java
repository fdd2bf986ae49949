package dev.tlsboot.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.tlsboot.core.CryptoProvider;

/**
 * The JVM's crypto provider as {@code tls.crypto-provider} asked for it, installed (see
 * {@link TlsCryptoProviderEnvironmentPostProcessor} for where and why).
 */
final class TlsCryptoProviderInstall {

	private static final Log logger = LogFactory.getLog(TlsCryptoProviderInstall.class);

	private final CryptoProvider choice;

	private final String first;

	private TlsCryptoProviderInstall(CryptoProvider choice, String first) {
		this.choice = choice;
		this.first = first;
	}

	static TlsCryptoProviderInstall install(CryptoProvider choice) {
		boolean before = choice.isInstalled();
		String first = choice.install(TlsCryptoProviderEnvironmentPostProcessor.PROPERTY);
		if (!before) {
			logger.info("TLS crypto: " + first + " is now the first JCA provider ("
					+ TlsCryptoProviderEnvironmentPostProcessor.PROPERTY + "=" + choice.name().toLowerCase()
					+ ", for the whole JVM)");
		}
		return new TlsCryptoProviderInstall(choice, first);
	}

	CryptoProvider choice() {
		return this.choice;
	}

	/** The first JCA provider once installed, e.g. {@code AmazonCorrettoCryptoProvider 2.5.0 (AWS-LC ...)}. */
	String first() {
		return this.first;
	}

}
