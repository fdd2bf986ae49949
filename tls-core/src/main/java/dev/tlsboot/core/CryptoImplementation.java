package dev.tlsboot.core;

import java.security.Provider;
import java.security.Security;
import java.util.Locale;

import dev.tlsboot.core.option.TlsConfigurationException;

/**
 * The {@code crypto-provider} option: which JCA provider does the cryptography under the JDK's own TLS. Unlike
 * {@code provider}, this is a setting of the whole JVM, not of a context: JCA providers are registered per process,
 * so installing one changes every {@code Signature}, {@code KeyAgreement}, {@code Cipher}, ... that anything in the
 * JVM asks for by algorithm name, TLS or not.
 * <p>
 * {@link #ACCP} is the Amazon Corretto Crypto Provider
 * ({@code software.amazon.cryptools:AmazonCorrettoCryptoProvider} with the platform's classifier, AWS-LC inside),
 * installed as the first provider: the JDK's TLS stack (SunJSSE) stays, with every option and feature (STARTTLS and
 * back, TLS 1.3 suites one by one, TLS 1.0/1.1 at security level 0), and its signatures, key agreement, ciphers and
 * digests run natively. It is the choice where Conscrypt's BoringSSL TLS stack is not wanted. ACCP 2.5 has no XDH
 * key agreement, so an X25519 key share (the JDK 17 TLS's first group) stays with SunEC; P-256 (ECDH) is ACCP's.
 */
public enum CryptoImplementation {

	/** Leave the JCA providers as the JDK configured them. The default. */
	JDK,

	/** ACCP, installed as the first JCA provider and checked to be healthy. */
	ACCP;

	private static final Object LOCK = new Object();

	/**
	 * Makes this the JVM's crypto provider, once: for {@link #JDK} nothing changes; for {@link #ACCP} it is installed
	 * as the first JCA provider unless it is already, checked to be healthy. The caller logs
	 * the result ({@link #isInstalled()} before the call tells whether this call changed anything). Safe to call
	 * again, and from several application contexts in one JVM.
	 * @param property the name to report a failure under, e.g. {@code crypto-provider} or
	 * {@code tls.crypto-provider}
	 * @return the first JCA provider afterwards, as {@link #describe(Provider)} shows it
	 * @throws TlsConfigurationException naming {@code property} when ACCP is not on the classpath, does not load on
	 * this platform or is not healthy
	 */
	public String install(String property) {
		if (this == ACCP) {
			synchronized (LOCK) {
				String unavailability = Accp.unavailability();
				if (unavailability != null) {
					throw new TlsConfigurationException(property, null, unavailability + ".",
							"Add software.amazon.cryptools:AmazonCorrettoCryptoProvider:" + Accp.TESTED_VERSION
									+ " with the classifier of this platform (" + Accp.classifier()
									+ ") to the application's dependencies, or remove '" + property
									+ "' to keep the JDK's own crypto.",
							Accp.loadingError());
				}
				if (!Accp.isFirst()) {
					Accp.install();
				}
			}
		}
		return describe(first());
	}

	/**
	 * Whether this is what the JVM uses now: always for {@link #JDK}, for {@link #ACCP} when it is the first JCA
	 * provider.
	 */
	public boolean isInstalled() {
		return this == JDK || Accp.isFirst();
	}

	/** The first JCA provider, which serves every algorithm it has. */
	public static Provider first() {
		return Security.getProviders()[0];
	}

	/**
	 * A provider's name and version, e.g. {@code AmazonCorrettoCryptoProvider 2.5.0 (AWS-LC v1.47.0)} or {@code SUN 17}.
	 * @param provider the provider
	 * @return its description, without anything secret
	 */
	public static String describe(Provider provider) {
		String description = provider.getName() + " " + provider.getVersionStr();
		String library = Accp.nativeVersion(provider);
		return (library != null) ? description + " (" + library + ")" : description;
	}

	/**
	 * The option's value for a name, ignoring case.
	 * @param name {@code jdk} or {@code accp}
	 * @return the value
	 * @throws IllegalArgumentException for any other name
	 */
	public static CryptoImplementation of(String name) {
		return valueOf(name.trim().toUpperCase(Locale.ROOT));
	}

}
