package dev.tlsboot.core.internal;

import java.security.KeyStore;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;

/**
 * Factories that hand out managers already made, for APIs that take a factory rather than a manager (Netty's
 * OpenSSL contexts, Spring Boot's {@code SslManagerBundle}): e.g. a context's {@link dev.tlsboot.core.TlsContext#keyManager()}, which
 * follows its reloads. {@code init} does nothing: the managers are ready.
 */
public final class ManagerFactories {

	private static final String ALGORITHM = "tls-boot";

	private ManagerFactories() {
	}

	/**
	 * @param managers the key managers to hand out
	 * @return a factory whose {@code getKeyManagers()} returns them
	 */
	public static KeyManagerFactory keyManagers(KeyManager... managers) {
		KeyManager[] fixed = managers.clone();
		return new KeyManagerFactory(new KeyManagerFactorySpi() {

			@Override
			protected void engineInit(KeyStore keyStore, char[] password) {
			}

			@Override
			protected void engineInit(ManagerFactoryParameters parameters) {
			}

			@Override
			protected KeyManager[] engineGetKeyManagers() {
				return fixed.clone();
			}

		}, null, ALGORITHM) {
		};
	}

	/**
	 * @param managers the trust managers to hand out
	 * @return a factory whose {@code getTrustManagers()} returns them
	 */
	public static TrustManagerFactory trustManagers(TrustManager... managers) {
		TrustManager[] fixed = managers.clone();
		return new TrustManagerFactory(new TrustManagerFactorySpi() {

			@Override
			protected void engineInit(KeyStore keyStore) {
			}

			@Override
			protected void engineInit(ManagerFactoryParameters parameters) {
			}

			@Override
			protected TrustManager[] engineGetTrustManagers() {
				return fixed.clone();
			}

		}, null, ALGORITHM) {
		};
	}

}
