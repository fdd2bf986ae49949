package dev.tlsboot.autoconfigure.amqp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import dev.tlsboot.actuate.ConnectionDescriptor;
import dev.tlsboot.actuate.autoconfigure.TlsMetricsAutoConfiguration;
import dev.tlsboot.autoconfigure.ConsumerTesting;
import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsSslBundleAutoConfiguration;
import dev.tlsboot.autoconfigure.reload.TlsContextReloadedEvent;
import dev.tlsboot.autoconfigure.reload.TlsReloadAutoConfiguration;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.observe.RefusedCertificateException;
import dev.tlsboot.core.observe.TlsConsumers;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.observe.TrackedConnection.State;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.testing.SecretVolume;

import static dev.tlsboot.autoconfigure.ConsumerTesting.awaitRefusals;
import static dev.tlsboot.autoconfigure.ConsumerTesting.awaitReloads;
import static dev.tlsboot.autoconfigure.ConsumerTesting.contextProperties;
import static dev.tlsboot.autoconfigure.ConsumerTesting.expiredClient;
import static dev.tlsboot.autoconfigure.ConsumerTesting.newest;
import static dev.tlsboot.autoconfigure.ConsumerTesting.volume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * RabbitMQ through Spring AMQP on context {@code rabbitmq} ({@code spring.rabbitmq.ssl.bundle=tls-rabbitmq}), against
 * a real {@code rabbitmq-server} whose TLS listener requires client certificates, serving a certificate for
 * {@code localhost} only. The client's key and trust come from a Kubernetes-style secret volume that the tests rotate.
 */
@ExtendWith(OutputCaptureExtension.class)
class RabbitTlsTests {

	private static final CertificateAuthority CA = CertificateAuthority.root("RabbitMQ CA");

	private static RabbitBroker broker;

	@TempDir
	Path directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class,
				SslAutoConfiguration.class, TlsReloadAutoConfiguration.class, RabbitAutoConfiguration.class,
				TlsRabbitAutoConfiguration.class, MetricsAutoConfiguration.class, TlsMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("spring.rabbitmq.host=localhost", "spring.rabbitmq.ssl.enabled=true",
				"spring.rabbitmq.ssl.bundle=tls-rabbitmq", "spring.rabbitmq.connection-timeout=10s",
				"tls.reload.quiet-period=200ms");

	@BeforeAll
	static void startBroker(@TempDir Path node) throws IOException {
		broker = RabbitBroker.start(node, CA.issueServer("localhost"), CA.rootCertificatePem());
		LoggerFactory.getLogger(RabbitTlsTests.class)
			.info("rabbitmq-server listened after {} ms", broker.startup().toMillis());
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void aMessageGoesThroughMutualTlsOnAConnectionListedAsRabbitmq() {
		SecretVolume volume = volume(this.directory, CA.issueClient("rabbit-client"), CA);
		this.runner.withPropertyValues(properties(volume)).run((application) -> {
			assertThat(roundTrip(application, "hello over mTLS")).isEqualTo("hello over mTLS");
			TrackedConnection connection = newestOpen(application);
			assertThat(connection.consumer()).isEqualTo(TlsConsumers.RABBITMQ);
			assertThat(connection.peerSubject()).isEqualTo("CN=localhost");
			assertThat(connection.localStatus().orElseThrow().certificate().subject()).isEqualTo("CN=rabbit-client");
			assertThat(ConnectionDescriptor.of(connection).consumer()).isEqualTo("rabbitmq");
			assertThat(application.getBean(SimpleMeterRegistry.class)
				.get("tls.handshakes")
				.tags("context", "rabbitmq", "consumer", "rabbitmq", "outcome", "success")
				.timer()
				.count()).isPositive();
		});
	}

	@Test
	void aBrokerCertificateForAnotherHostIsRefusedWithTlsBootsExplanation() {
		SecretVolume volume = volume(this.directory, CA.issueClient("rabbit-client"), CA);
		// The broker's certificate names localhost, not 127.0.0.1
		this.runner.withPropertyValues(properties(volume))
			.withPropertyValues("spring.rabbitmq.host=127.0.0.1", "tls.contexts.rabbitmq.require=true")
			.run((application) -> {
				assertThatExceptionOfType(AmqpIOException.class).isThrownBy(() -> roundTrip(application, "never sent"))
					.satisfies((ex) -> assertThat(causes(ex)).filteredOn(RefusedCertificateException.class::isInstance)
						.singleElement()
						.satisfies((refused) -> assertThat(refused).hasMessageContaining("'127.0.0.1'")
							.hasMessageContaining("names [DNS:localhost]")));
				TrackedConnection failed = newest(application, "rabbitmq", (entry) -> entry.state() == State.FAILED);
				assertThat(failed.consumer()).isEqualTo(TlsConsumers.RABBITMQ);
				assertThat(failed.failure().orElseThrow().explanation().cause()).isEqualTo(Cause.HOSTNAME_MISMATCH);
			});
	}

	@Test
	void withoutAClientCertificateTheBrokerRefusesTheConnection() {
		SecretVolume volume = volume(this.directory, CA.issueClient("rabbit-client"), CA);
		this.runner
			.withPropertyValues("spring.rabbitmq.port=" + broker.tlsPort(),
					"tls.contexts.rabbitmq.cafile=file:" + volume.file("ca.crt"))
			.run((application) -> {
				// Reached the broker (not AmqpConnectException), which hung up at the handshake: fail_if_no_peer_cert
				assertThatExceptionOfType(AmqpIOException.class).isThrownBy(() -> roundTrip(application, "never sent"));
				// TLS 1.3 refuses after the client's last handshake message: the client may have counted its handshake
				// done (then the connection is closed), or read the alert or a reset that lost it (then it failed)
				TrackedConnection refused = await().atMost(ConsumerTesting.TIMEOUT)
					.until(() -> newest(application, "rabbitmq", (entry) -> true),
							(entry) -> entry.state() == State.FAILED || entry.state() == State.CLOSED);
				assertThat(refused.consumer()).isEqualTo(TlsConsumers.RABBITMQ);
				if (refused.state() == State.FAILED) {
					assertThat(refused.failure().orElseThrow().explanation().cause())
						.isIn(Cause.CLIENT_CERTIFICATE_REQUIRED, Cause.PEER_CLOSED);
				}
			});
	}

	@Test
	void aRotatedClientCertificateReachesTheNextConnectionWhileTheOldOneKeepsWorking(CapturedOutput output) {
		SecretVolume volume = volume(this.directory, CA.issueClient("rabbit-client-1"), CA);
		// A connection per user, so that a new one is opened while the old one is in use
		this.runner.withPropertyValues(properties(volume))
			.withPropertyValues("spring.rabbitmq.cache.connection.mode=connection")
			.run((application) -> {
				CachingConnectionFactory connections = application.getBean(CachingConnectionFactory.class);
				try (Connection old = connections.createConnection()) {
					TrackedConnection first = newestOpen(application);
					assertThat(presented(first)).isEqualTo("CN=rabbit-client-1");
					volume.publish(CA.issueClient("rabbit-client-2"), CA.rootCertificatePem());
					awaitReloads(application, "rabbitmq", 1);
					try (Connection rotated = connections.createConnection()) {
						TrackedConnection second = newestOpen(application);
						assertThat(second.id()).isGreaterThan(first.id());
						assertThat(presented(second)).isEqualTo("CN=rabbit-client-2");
						assertWorks(rotated);
						assertWorks(old);
						volume.publish(expiredClient(CA, "rabbit-client-expired"), CA.rootCertificatePem());
						awaitRefusals(application, "rabbitmq", 1);
						try (Connection afterRefusal = connections.createConnection()) {
							TrackedConnection third = newestOpen(application);
							assertThat(third.id()).isGreaterThan(second.id());
							assertThat(presented(third)).isEqualTo("CN=rabbit-client-2");
						}
					}
					assertWorks(old);
					assertThat(first.state()).isEqualTo(State.OPEN);
				}
			});
		assertThat(output).doesNotContain("may be in use by a technology that doesn't support SSL reloading");
	}

	@Test
	void inTheDefaultCacheModeAResetOnTheReloadEventReconnectsWithTheNewCertificate() {
		SecretVolume volume = volume(this.directory, CA.issueClient("rabbit-client-1"), CA);
		this.runner.withPropertyValues(properties(volume))
			.withUserConfiguration(ResetOnReload.class)
			.run((application) -> {
				assertThat(roundTrip(application, "before the rotation")).isEqualTo("before the rotation");
				TrackedConnection shared = newestOpen(application);
				assertThat(presented(shared)).isEqualTo("CN=rabbit-client-1");
				volume.publish(CA.issueClient("rabbit-client-2"), CA.rootCertificatePem());
				await().atMost(ConsumerTesting.TIMEOUT).until(shared::state, (state) -> state == State.CLOSED);
				assertThat(roundTrip(application, "after the rotation")).isEqualTo("after the rotation");
				assertThat(presented(newestOpen(application))).isEqualTo("CN=rabbit-client-2");
			});
	}

	private static String[] properties(SecretVolume volume) {
		return contextProperties("rabbitmq", volume, "spring.rabbitmq.port=" + broker.tlsPort());
	}

	/** Send {@code message} to a new queue with the application's RabbitTemplate, and receive it back. */
	private static Object roundTrip(ApplicationContext application, String message) {
		String queue = application.getBean(AmqpAdmin.class)
			.declareQueue(new Queue("tls-boot-" + UUID.randomUUID(), false, false, true));
		RabbitTemplate template = application.getBean(RabbitTemplate.class);
		template.convertAndSend("", queue, message);
		return template.receiveAndConvert(queue, ConsumerTesting.TIMEOUT.toMillis());
	}

	/** A connection still talks to the broker: it opens a channel and declares a queue on it. */
	private static void assertWorks(Connection connection) throws Exception {
		try (Channel channel = connection.createChannel(false)) {
			assertThat(channel.queueDeclare().getQueue()).startsWith("amq.gen-");
		}
	}

	/** The subject of the client certificate a connection presented. */
	private static String presented(TrackedConnection connection) {
		return connection.localStatus().orElseThrow().certificate().subject();
	}

	private static TrackedConnection newestOpen(ApplicationContext application) {
		return newest(application, "rabbitmq", (entry) -> entry.state() == State.OPEN);
	}

	private static Stream<Throwable> causes(Throwable ex) {
		return Stream.iterate(ex, Objects::nonNull, Throwable::getCause);
	}

	/** What docs/rabbitmq.md suggests to bound the age of the default cache mode's one connection. */
	@Configuration(proxyBeanMethods = false)
	static class ResetOnReload {

		private final CachingConnectionFactory connectionFactory;

		ResetOnReload(CachingConnectionFactory connectionFactory) {
			this.connectionFactory = connectionFactory;
		}

		@EventListener
		void reconnect(TlsContextReloadedEvent event) {
			if (!event.isRefused() && event.getContext().name().equals("rabbitmq")) {
				this.connectionFactory.resetConnection();
			}
		}

	}

}
