package dev.tlsboot.core;

import dev.tlsboot.core.option.TlsOption;

/**
 * OCSP stapling on the JDK's TLS, which has no switch per context: only the system property
 * {@value #PROPERTY}, read by every {@code SSLContext} as it is made. So a context asking for {@code ocsp-stapling}
 * sets it (never one that does not ask), and from then on every server SSLContext made in the JVM staples; the JDK
 * fetches and caches the responses itself, and staples only when the served chain holds the issuer.
 */
final class JdkStapling {

	/** The JDK's switch for server-side stapling. */
	static final String PROPERTY = "jdk.tls.server.enableStatusRequestExtension";

	private static final System.Logger logger = System.getLogger(TlsContext.class.getName());

	private JdkStapling() {
	}

	/** Turn the JDK's stapling on for the SSLContexts made from now on, saying so once. */
	static synchronized void enable(String context) {
		if (Boolean.parseBoolean(System.getProperty(PROPERTY))) {
			return;
		}
		System.setProperty(PROPERTY, "true");
		logger.log(System.Logger.Level.INFO, () -> "'" + TlsOption.OCSP_STAPLING + "' of context '" + context
				+ "' set " + PROPERTY + "=true: the JDK's TLS staples OCSP responses only when the whole JVM does, so "
				+ "every server SSLContext made in this JVM from now on staples");
	}

}
