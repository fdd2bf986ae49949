package dev.tlsboot.autoconfigure.kafka;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.TlsSslBundleAutoConfiguration;

/**
 * Kafka's clients on a TLS Boot context: when a producer, consumer, admin or Kafka Streams client is given a
 * context's bundle ({@code spring.kafka.ssl.bundle=tls-<name>}, or {@code spring.kafka.producer.ssl.bundle} and the
 * like), its SSLEngines are made by the context and named {@code kafka}, so its connections are in
 * {@code /actuator/tls/connections}, a wrong host is refused with TLS Boot's explanation, and a reloaded certificate
 * reaches the next connection.
 * <p>
 * What each client uses is decided on the connection details as the application starts, from the bundles they hold,
 * not by a condition, which AOT would fix at build time.
 */
@AutoConfiguration(after = { TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class })
@ConditionalOnClass(KafkaConnectionDetails.class)
@ConditionalOnBean(TlsContexts.class)
public final class TlsKafkaAutoConfiguration {

	TlsKafkaAutoConfiguration() {
	}

	@Bean
	static KafkaConnectionDetailsTlsPostProcessor kafkaConnectionDetailsTlsPostProcessor(
			ObjectProvider<TlsContexts> contexts, ObjectProvider<SslBundles> bundles) {
		return new KafkaConnectionDetailsTlsPostProcessor(contexts, bundles);
	}

}
