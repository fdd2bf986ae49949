package dev.tlsboot.autoconfigure;

import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundleRegistry;

/**
 * Registers every TLS Boot context as a Spring Boot SSL bundle named {@code tls-<name>}, so that
 * {@code server.ssl.bundle=tls-web} or {@code spring.data.redis.ssl.bundle=tls-default} use it, and updates the
 * bundle when the context reloads.
 */
final class TlsSslBundleRegistrar implements SslBundleRegistrar {

	/** What a context's name is prefixed with to name its bundle. */
	static final String BUNDLE_PREFIX = "tls-";

	private final TlsContexts contexts;

	TlsSslBundleRegistrar(TlsContexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public void registerBundles(SslBundleRegistry registry) {
		this.contexts.asMap().forEach((name, context) -> {
			registry.registerBundle(BUNDLE_PREFIX + name, new TlsContextSslBundle(context));
			// Consumers that built from the stores are told through Spring Boot's bundle update listeners.
			context.onReload((reloaded) -> registry.updateBundle(BUNDLE_PREFIX + name,
					new TlsContextSslBundle(reloaded)));
		});
	}

}
