package dev.tlsboot.autoconfigure.kafka;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

import dev.tlsboot.autoconfigure.TlsContexts;

/**
 * Hands Kafka's clients TLS Boot's view of the context bundles they use ({@link TlsKafkaConnectionDetails}). The
 * connection details are where Spring Boot's producer, consumer, admin and Streams configurations all take their
 * bundle from, and the bundle is the one thing of Kafka's TLS it leaves open: whenever a client has one, Spring Boot
 * sets its own {@code SslBundleSslEngineFactory}, and the admin's configuration cannot be changed once made.
 */
final class KafkaConnectionDetailsTlsPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<TlsContexts> contexts;

	private final ObjectProvider<SslBundles> bundles;

	KafkaConnectionDetailsTlsPostProcessor(ObjectProvider<TlsContexts> contexts, ObjectProvider<SslBundles> bundles) {
		this.contexts = contexts;
		this.bundles = bundles;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof KafkaConnectionDetails details) {
			return TlsKafkaConnectionDetails.of(details, this::isBridged);
		}
		return bean;
	}

	/**
	 * Whether {@code bundle} is registered as a TLS Boot context's: the connection details hand out the bundle, not
	 * its name, and may come from elsewhere than {@code spring.kafka.*}.
	 */
	private boolean isBridged(SslBundle bundle) {
		SslBundles bundles = this.bundles.getIfAvailable();
		TlsContexts contexts = this.contexts.getIfAvailable();
		if (bundles == null || contexts == null) {
			return false;
		}
		return bundles.getBundleNames()
			.stream()
			.anyMatch((name) -> contexts.forBundle(name) != null && bundles.getBundle(name) == bundle);
	}

}
