package dev.tlsboot.autoconfigure.kafka;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

import dev.tlsboot.actuate.ConnectionDescriptor;
import dev.tlsboot.actuate.autoconfigure.TlsMetricsAutoConfiguration;
import dev.tlsboot.autoconfigure.ConsumerTesting;
import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsSslBundleAutoConfiguration;
import dev.tlsboot.autoconfigure.reload.TlsReloadAutoConfiguration;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.observe.TlsConsumers;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.observe.TrackedConnection.State;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.testing.SecretVolume;

import static dev.tlsboot.autoconfigure.ConsumerTesting.awaitRefusals;
import static dev.tlsboot.autoconfigure.ConsumerTesting.awaitReloads;
import static dev.tlsboot.autoconfigure.ConsumerTesting.contextProperties;
import static dev.tlsboot.autoconfigure.ConsumerTesting.expiredClient;
import static dev.tlsboot.autoconfigure.ConsumerTesting.volume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Kafka's producer, consumer and admin on context {@code kafka} ({@code spring.kafka.ssl.bundle=tls-kafka}, or each
 * client's own), against a real KRaft broker that requires client certificates: one SSL listener serving localhost,
 * one serving another name. The clients' key and trust come from a Kubernetes-style secret volume that the tests
 * rotate.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaTlsTests {

	private static final CertificateAuthority CA = CertificateAuthority.root("Kafka CA");

	private static final String LOCALHOST = "SSL";

	private static final String ELSEWHERE = "ELSEWHERE";

	private static KafkaBroker broker;

	@TempDir
	Path directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class,
				SslAutoConfiguration.class, TlsReloadAutoConfiguration.class, KafkaAutoConfiguration.class,
				TlsKafkaAutoConfiguration.class, MetricsAutoConfiguration.class, TlsMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("spring.kafka.security.protocol=SSL", "spring.kafka.producer.properties.max.block.ms=10000",
				"tls.reload.quiet-period=200ms");

	@BeforeAll
	static void startBroker(@TempDir Path directory) throws IOException {
		broker = KafkaBroker.start(directory, Map.of(LOCALHOST, CA.issueServer("localhost", "127.0.0.1"), ELSEWHERE,
				CA.issueServer("elsewhere.test")), CA.rootCertificatePem());
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void eachClientsOwnBundleProducesAndConsumesOverMutualTlsAsKafka() {
		SecretVolume volume = volume(this.directory, CA.issueClient("kafka-client"), CA);
		this.runner.withPropertyValues(properties(volume, LOCALHOST))
			.withPropertyValues("spring.kafka.producer.ssl.bundle=tls-kafka",
					"spring.kafka.consumer.ssl.bundle=tls-kafka", "spring.kafka.admin.ssl.bundle=tls-kafka")
			.run((application) -> {
				String topic = createTopic(application, "records");
				send(application.getBean(KafkaTemplate.class), topic, "over mutual TLS");
				assertThat(consume(application, topic)).containsExactly("over mutual TLS");
				// The admin's and the consumer's are closed by now, the producer's open
				List<TrackedConnection> made = connections(application, (entry) -> true);
				assertThat(made).hasSizeGreaterThanOrEqualTo(3).allSatisfy((connection) -> {
					assertThat(connection.state()).isIn(State.OPEN, State.CLOSED);
					assertThat(connection.consumer()).isEqualTo(TlsConsumers.KAFKA);
					assertThat(connection.peerSubject()).isEqualTo("CN=localhost");
					assertThat(presented(connection)).isEqualTo("CN=kafka-client");
					assertThat(ConnectionDescriptor.of(connection).consumer()).isEqualTo("kafka");
				});
				long timed = application.getBean(MeterRegistry.class)
					.get("tls.handshakes")
					.tags("context", "kafka", "consumer", "kafka", "outcome", "success")
					.timers()
					.stream()
					.mapToLong(Timer::count)
					.sum();
				assertThat(timed).isEqualTo(made.size());
			});
	}

	@Test
	void aBrokerCertificateForAnotherNameIsRefusedWithTlsBootsExplanation() {
		SecretVolume volume = volume(this.directory, CA.issueClient("kafka-client"), CA);
		this.runner.withPropertyValues(properties(volume, ELSEWHERE))
			.withPropertyValues("spring.kafka.ssl.bundle=tls-kafka", "tls.contexts.kafka.require=true")
			.run((application) -> {
				KafkaTemplate<?, ?> template = application.getBean(KafkaTemplate.class);
				assertThatException().isThrownBy(() -> send(template, "refused", "never sent"))
					.satisfies((ex) -> assertThat(messages(ex)).anyMatch((message) -> message
						.contains("host name 'localhost' does not match the certificate 'CN=elsewhere.test'")));
				TrackedConnection failed = connections(application, (entry) -> entry.state() == State.FAILED)
					.get(0);
				assertThat(failed.consumer()).isEqualTo(TlsConsumers.KAFKA);
				assertThat(failed.failure().orElseThrow().explanation().cause()).isEqualTo(Cause.HOSTNAME_MISMATCH);
				assertThat(application.getBean(MeterRegistry.class)
					.get("tls.handshake.failures")
					.tags("context", "kafka", "consumer", "kafka", "cause", "HOSTNAME_MISMATCH")
					.counter()
					.count()).isPositive();
			});
	}

	@Test
	void aRotatedClientCertificateReachesTheNextProducerWhileTheOpenOneKeepsWorking(CapturedOutput output) {
		SecretVolume volume = volume(this.directory, CA.issueClient("kafka-client-1"), CA);
		this.runner.withPropertyValues(properties(volume, LOCALHOST))
			.withPropertyValues("spring.kafka.ssl.bundle=tls-kafka")
			.run((application) -> {
				String topic = createTopic(application, "rotation");
				KafkaTemplate<?, ?> template = application.getBean(KafkaTemplate.class);
				send(template, topic, "before");
				Set<Long> before = ids(connections(application, (entry) -> entry.state() == State.OPEN));
				assertThat(presentedByNewest(application)).isEqualTo("CN=kafka-client-1");

				volume.publish(CA.issueClient("kafka-client-2"), CA.rootCertificatePem());
				awaitReloads(application, "kafka", 1);
				send(template, topic, "old producer, old connections");
				sendWithNewProducer(application, topic, "new producer");
				assertThat(presentedByNewest(application)).isEqualTo("CN=kafka-client-2");
				List<TrackedConnection> stillOpen = connections(application,
						(entry) -> before.contains(entry.id()) && entry.state() == State.OPEN);
				assertThat(stillOpen).hasSize(before.size())
					.allSatisfy((connection) -> assertThat(presented(connection)).isEqualTo("CN=kafka-client-1"));

				volume.publish(expiredClient(CA, "kafka-client-expired"), CA.rootCertificatePem());
				awaitRefusals(application, "kafka", 1);
				sendWithNewProducer(application, topic, "after a bad set");
				assertThat(presentedByNewest(application)).isEqualTo("CN=kafka-client-2");
				assertThat(consume(application, topic)).containsExactly("before", "old producer, old connections",
						"new producer", "after a bad set");
			});
		assertThat(output).doesNotContain("may be in use by a technology that doesn't support SSL reloading");
	}

	@Test
	void aProducerMaxAgeBringsARotatedCertificateToKafkaTemplate() {
		SecretVolume volume = volume(this.directory, CA.issueClient("kafka-client-1"), CA);
		Duration maxAge = Duration.ofSeconds(1);
		this.runner.withPropertyValues(properties(volume, LOCALHOST))
			.withPropertyValues("spring.kafka.ssl.bundle=tls-kafka")
			.withBean(DefaultKafkaProducerFactoryCustomizer.class, () -> (factory) -> factory.setMaxAge(maxAge))
			.run((application) -> {
				String topic = createTopic(application, "max-age");
				KafkaTemplate<?, ?> template = application.getBean(KafkaTemplate.class);
				send(template, topic, "first producer");
				Instant made = Instant.now();
				volume.publish(CA.issueClient("kafka-client-2"), CA.rootCertificatePem());
				awaitReloads(application, "kafka", 1);
				Thread.sleep(Math.max(0, Duration.between(Instant.now(), made.plus(maxAge)).toMillis() + 100));
				send(template, topic, "second producer");
				assertThat(presentedByNewest(application)).isEqualTo("CN=kafka-client-2");
			});
	}

	private static String[] properties(SecretVolume volume, String listener) {
		return contextProperties("kafka", volume, "spring.kafka.bootstrap-servers=" + broker.bootstrapServers(listener));
	}

	/** A topic of its own for each test, made by the admin client. */
	private static String createTopic(ApplicationContext application, String name) {
		String topic = name + "-" + System.nanoTime();
		application.getBean(KafkaAdmin.class).createOrModifyTopics(new NewTopic(topic, 1, (short) 1));
		return topic;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void send(KafkaTemplate template, String topic, String value) throws Exception {
		template.send(topic, value).get(ConsumerTesting.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	/** Send with a producer of its own, made now, as after a restart or a reset of the factory. */
	@SuppressWarnings("unchecked")
	private static void sendWithNewProducer(ApplicationContext application, String topic, String value)
			throws Exception {
		DefaultKafkaProducerFactory<Object, Object> factory = (DefaultKafkaProducerFactory<Object, Object>) application
			.getBean(ProducerFactory.class)
			.copyWithConfigurationOverride(Map.of(ProducerConfig.CLIENT_ID_CONFIG, "new-" + System.nanoTime()));
		try {
			send(new KafkaTemplate<>(factory), topic, value);
		}
		finally {
			factory.destroy();
		}
	}

	/** The values of {@code topic}, read from its start by a consumer of its own. */
	@SuppressWarnings("unchecked")
	private static List<Object> consume(ApplicationContext application, String topic) {
		List<Object> values = new ArrayList<>();
		TopicPartition partition = new TopicPartition(topic, 0);
		try (Consumer<Object, Object> consumer = application.getBean(ConsumerFactory.class).createConsumer()) {
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			Instant deadline = Instant.now().plus(ConsumerTesting.TIMEOUT);
			while (consumer.position(partition) < end && Instant.now().isBefore(deadline)) {
				for (ConsumerRecord<Object, Object> record : consumer.poll(Duration.ofMillis(200))) {
					values.add(record.value());
				}
			}
		}
		return values;
	}

	private static String presented(TrackedConnection connection) {
		return connection.localStatus().orElseThrow().certificate().subject();
	}

	/** The subject of the client certificate the newest Kafka connection presented, open or closed since. */
	private static String presentedByNewest(ApplicationContext application) {
		List<TrackedConnection> made = connections(application,
				(entry) -> entry.state() != State.FAILED && entry.localStatus().isPresent());
		return presented(made.get(made.size() - 1));
	}

	/** The connections of context {@code kafka} that {@code filter} takes, oldest first. */
	private static List<TrackedConnection> connections(ApplicationContext application,
			Predicate<TrackedConnection> filter) {
		List<TrackedConnection> connections = new ArrayList<>(application.getBean(ConnectionRegistry.class)
			.connections(filter.and((entry) -> "kafka".equals(entry.context()))));
		connections.sort((first, second) -> Long.compare(first.id(), second.id()));
		return connections;
	}

	private static Set<Long> ids(List<TrackedConnection> connections) {
		return connections.stream().map(TrackedConnection::id).collect(Collectors.toSet());
	}

	private static Stream<String> messages(Throwable ex) {
		return Stream.iterate(ex, Objects::nonNull, Throwable::getCause).map(Throwable::getMessage)
			.filter(Objects::nonNull);
	}

}
