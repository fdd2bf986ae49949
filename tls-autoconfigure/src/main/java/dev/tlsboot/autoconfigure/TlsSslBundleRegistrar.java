package dev.tlsboot.autoconfigure;

import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;

/**
 * Registers every TLS Boot context as a Spring Boot SSL bundle named {@code tls-<name>}, so that
 * {@code server.ssl.bundle=tls-web} or {@code spring.data.redis.ssl.bundle=tls-default} use it, and updates the
 * bundle when the context reloads.
 * <p>
 * Spring Boot warns on an update that a bundle "may be in use by a technology that doesn't support SSL reloading"
 * when nobody registered to hear of it. For these bundles that is not so: a consumer that took the bundle's SSLContext
 * or managers (Lettuce, gRPC, Kafka, HTTP clients) holds the context's live ones, which serve the new material from
 * the next handshake on. So each bundle has an update handler of TLS Boot's that says so by doing nothing, and the
 * warning is left to bundles it is true of; consumers that copied the stores (Tomcat, Netty web servers) register
 * their own and are updated as before.
 */
final class TlsSslBundleRegistrar implements SslBundleRegistrar {

	private final TlsContexts contexts;

	TlsSslBundleRegistrar(TlsContexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public void registerBundles(SslBundleRegistry registry) {
		this.contexts.asMap().forEach((name, context) -> {
			String bundle = TlsContexts.bundleName(name);
			registry.registerBundle(bundle, new TlsContextSslBundle(context));
			if (registry instanceof SslBundles bundles) {
				bundles.addBundleUpdateHandler(bundle, (updated) -> {
					// The live managers already serve the update: see the class comment
				});
			}
			// Consumers that built from the stores are told through Spring Boot's bundle update listeners.
			context.onReload((reloaded) -> registry.updateBundle(bundle, new TlsContextSslBundle(reloaded)));
		});
	}

}
