package dev.tlsboot.autoconfigure;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.util.function.SingletonSupplier;

import dev.tlsboot.core.internal.ManagerFactories;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.material.KeyMaterial;

/**
 * A {@link TlsContext} seen as a Spring Boot {@link SslBundle}. {@link #createSslContext()} hands out the context's
 * own SSLContext, which carries all its options; for consumers that build their own from the stores (Tomcat, Netty),
 * the stores hold the context's key, chain and trust anchors, and the options its protocols and cipher suites.
 * <p>
 * What needs the context's trust anchors or parameters is asked of it when a consumer asks the bundle, not when the
 * bundle is registered at startup: a context of the default options makes them on first use.
 */
final class TlsContextSslBundle implements SslBundle {

	private static final String KEY_ALIAS = "tls";

	private final TlsContext context;

	private final SslStoreBundle stores;

	private final SslBundleKey key;

	private final SslManagerBundle managers;

	TlsContextSslBundle(TlsContext context) {
		this.context = context;
		// The stores live in memory only; a random password because some consumers take an empty one for none.
		String password = UUID.randomUUID().toString();
		KeyMaterial key = context.keyMaterial().orElse(null);
		this.stores = stores(context, key, password);
		this.key = (key != null) ? SslBundleKey.of(password, KEY_ALIAS) : SslBundleKey.NONE;
		this.managers = managers(context, SslManagerBundle.from(this.stores, this.key));
	}

	/**
	 * Managers for consumers that take them rather than an SSLContext: the context's own key manager, which serves a
	 * reloaded certificate from the next handshake on (clients built from managers before a reload, such as
	 * RestClient on Reactor Netty, present the new certificate too), and its own trust manager, so that the security
	 * level and the recorded verify result apply there too. Without a certificate, the key manager of the (empty)
	 * stores.
	 */
	private static SslManagerBundle managers(TlsContext context, SslManagerBundle fromStores) {
		boolean ownKey = context.keyMaterial().isPresent();
		return new SslManagerBundle() {

			@Override
			public KeyManagerFactory getKeyManagerFactory() {
				return ownKey ? ManagerFactories.keyManagers(context.keyManager()) : fromStores.getKeyManagerFactory();
			}

			// Not SslManagerBundle.from(trustManager): it loads the JDK's cacerts for a default it does not use here.
			@Override
			public TrustManagerFactory getTrustManagerFactory() {
				return ManagerFactories.trustManagers(context.trustManager());
			}

			@Override
			public SSLContext createSslContext(String protocol) {
				return context.sslContext();
			}

		};
	}

	/**
	 * The stores, each made when first asked for: most consumers never ask, a PKCS#12 key entry costs a key
	 * derivation (PBKDF2) that a cold JVM takes about 100 ms for, and a context of the default options reads its trust
	 * anchors only on first use.
	 */
	private static SslStoreBundle stores(TlsContext context, KeyMaterial key, String password) {
		SingletonSupplier<KeyStore> keyStore = SingletonSupplier
			.of(() -> (key != null) ? keyStore(context.name(), key, password) : null);
		SingletonSupplier<KeyStore> trustStore = SingletonSupplier.of(() -> trustStore(context));
		return new SslStoreBundle() {

			@Override
			public KeyStore getKeyStore() {
				return keyStore.get();
			}

			@Override
			public String getKeyStorePassword() {
				return password;
			}

			@Override
			public KeyStore getTrustStore() {
				return trustStore.obtain();
			}

		};
	}

	private static KeyStore keyStore(String name, KeyMaterial key, String password) {
		KeyStore store = emptyStore();
		try {
			store.setKeyEntry(KEY_ALIAS, key.privateKey(), password.toCharArray(),
					key.chain().toArray(X509Certificate[]::new));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot hold the key of TLS context '" + name + "'", ex);
		}
		return store;
	}

	private static KeyStore trustStore(TlsContext context) {
		KeyStore store = emptyStore();
		List<X509Certificate> anchors = context.trustAnchors();
		try {
			for (int i = 0; i < anchors.size(); i++) {
				store.setCertificateEntry("ca-" + i, anchors.get(i));
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot hold the trust anchors of TLS context '" + context.name() + "'",
					ex);
		}
		return store;
	}

	private static KeyStore emptyStore() {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			return store;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("The JDK has no PKCS12 key store", ex);
		}
	}

	@Override
	public SslStoreBundle getStores() {
		return this.stores;
	}

	@Override
	public SslBundleKey getKey() {
		return this.key;
	}

	@Override
	public SslOptions getOptions() {
		return SslOptions.of(this.context.cipherSuites().toArray(String[]::new),
				this.context.protocols().toArray(String[]::new));
	}

	@Override
	public String getProtocol() {
		return DEFAULT_PROTOCOL;
	}

	@Override
	public SslManagerBundle getManagers() {
		return this.managers;
	}

	/** The context's own SSLContext, with its protocols, suites, ALPN, SNI and verification. */
	@Override
	public SSLContext createSslContext() {
		return this.context.sslContext();
	}

	@Override
	public String toString() {
		return "SslBundle of " + this.context;
	}

}
