package dev.tlsboot.autoconfigure.kafka;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsSslBundleAutoConfiguration;
import dev.tlsboot.pki.CertificateAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which Kafka clients TLS Boot makes the engines of: those whose bundle, their own or {@code spring.kafka.ssl.bundle},
 * is a context's ({@code tls-<name>}), decided as the application starts.
 */
class TlsKafkaAutoConfigurationTests {

	private static final String BUNDLE = SslBundle.class.getName();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class,
				SslAutoConfiguration.class, KafkaAutoConfiguration.class, TlsKafkaAutoConfiguration.class))
		// A Spring Boot bundle of the application's own
		.withPropertyValues("spring.ssl.bundle.pem.mine.truststore.certificate="
				+ CertificateAuthority.root("Kafka CA").rootCertificatePem());

	@Test
	void aTlsBootBundleGivesEveryClientKafkasViewOfIt() {
		this.runner.withPropertyValues("spring.kafka.ssl.bundle=tls-default").run((context) -> {
			assertThat(context.getBean(KafkaConnectionDetails.class)).isInstanceOf(TlsKafkaConnectionDetails.class);
			assertThat(clientBundles(context)).allSatisfy(
					(client, bundle) -> assertThat(bundle).as(client).isInstanceOf(KafkaSslBundle.class));
		});
	}

	@Test
	void aClientsOwnBundleWinsAsInSpringBoot() {
		this.runner.withPropertyValues("spring.kafka.ssl.bundle=mine", "spring.kafka.producer.ssl.bundle=tls-default")
			.run((context) -> {
				Map<String, Object> bundles = clientBundles(context);
				assertThat(bundles.get("producer")).isInstanceOf(KafkaSslBundle.class);
				assertThat(bundles.get("consumer")).isNotInstanceOf(KafkaSslBundle.class).isNotNull();
				assertThat(bundles.get("admin")).isNotInstanceOf(KafkaSslBundle.class).isNotNull();
			});
	}

	@Test
	void anotherBundleOrNoneLeavesTheConnectionDetailsAlone() {
		this.runner.withPropertyValues("spring.kafka.ssl.bundle=mine")
			.run((context) -> assertThat(context.getBean(KafkaConnectionDetails.class))
				.isNotInstanceOf(TlsKafkaConnectionDetails.class));
		this.runner.run((context) -> assertThat(context.getBean(KafkaConnectionDetails.class))
			.isNotInstanceOf(TlsKafkaConnectionDetails.class));
	}

	/** The bundle each client's configuration carries, as Kafka's engine factory gets it. */
	private static Map<String, Object> clientBundles(AssertableApplicationContext context) {
		Object producer = context.getBean(DefaultKafkaProducerFactory.class).getConfigurationProperties().get(BUNDLE);
		Object consumer = context.getBean(DefaultKafkaConsumerFactory.class).getConfigurationProperties().get(BUNDLE);
		Object admin = context.getBean(KafkaAdmin.class).getConfigurationProperties().get(BUNDLE);
		return Map.of("producer", producer, "consumer", consumer, "admin", admin);
	}

}
