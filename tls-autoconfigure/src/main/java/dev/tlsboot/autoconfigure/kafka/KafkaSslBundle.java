package dev.tlsboot.autoconfigure.kafka;

import javax.net.ssl.SSLContext;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;

import dev.tlsboot.core.ConsumerSslContext;
import dev.tlsboot.core.observe.TlsConsumers;

/**
 * A TLS Boot context's bundle ({@code tls-<name>}) as Kafka's clients get it: the same key, trust and options, with
 * an SSLContext that names {@code kafka} on every engine it makes. Spring Boot's {@code SslBundleSslEngineFactory}
 * asks the bundle for an SSLContext for each connection, so the view is made then, on the context's SSLContext of the
 * moment.
 */
final class KafkaSslBundle implements SslBundle {

	private final SslBundle bridged;

	KafkaSslBundle(SslBundle bridged) {
		this.bridged = bridged;
	}

	@Override
	public SSLContext createSslContext() {
		return ConsumerSslContext.of(this.bridged.createSslContext(), TlsConsumers.KAFKA);
	}

	@Override
	public SslStoreBundle getStores() {
		return this.bridged.getStores();
	}

	@Override
	public SslBundleKey getKey() {
		return this.bridged.getKey();
	}

	@Override
	public SslOptions getOptions() {
		return this.bridged.getOptions();
	}

	@Override
	public String getProtocol() {
		return this.bridged.getProtocol();
	}

	@Override
	public SslManagerBundle getManagers() {
		return this.bridged.getManagers();
	}

	@Override
	public String toString() {
		return "Kafka's view of " + this.bridged;
	}

}
