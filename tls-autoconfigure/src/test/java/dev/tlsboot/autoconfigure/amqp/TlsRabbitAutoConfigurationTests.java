package dev.tlsboot.autoconfigure.amqp;

import java.io.IOException;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;

import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.core.observe.ConnectionObserver;
import dev.tlsboot.core.observe.TrackedConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which AMQP clients TLS Boot names as {@code rabbitmq}: those Spring Boot secured with a {@code tls-<name>} bundle,
 * decided as the application starts.
 */
class TlsRabbitAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsRabbitAutoConfiguration.class));

	@Test
	void aTlsBootBundleGetsTheContextNamedRabbitmq() {
		this.runner.withPropertyValues("spring.rabbitmq.ssl.bundle=tls-default")
			.run((context) -> assertThat(consumer(customized(context, secured()))).hasValue("rabbitmq"));
	}

	@Test
	void anotherBundleOrNoneKeepsWhatSpringBootGave() {
		this.runner.withPropertyValues("spring.rabbitmq.ssl.bundle=mine")
			.run((context) -> assertThat(consumer(customized(context, secured()))).isEmpty());
		this.runner.run((context) -> assertThat(consumer(customized(context, secured()))).isEmpty());
	}

	@Test
	void aClientWithoutTlsStaysWithout() {
		this.runner.withPropertyValues("spring.rabbitmq.ssl.bundle=tls-default")
			.run((context) -> assertThat(customized(context, new ConnectionFactory()).isSSL()).isFalse());
	}

	/** A client as Spring Boot secures it with a bundle that is not TLS Boot's. */
	private static ConnectionFactory secured() throws NoSuchAlgorithmException {
		ConnectionFactory factory = new ConnectionFactory();
		factory.useSslProtocol(SSLContext.getDefault());
		return factory;
	}

	private static ConnectionFactory customized(ApplicationContext context, ConnectionFactory factory) {
		context.getBean(ConnectionFactoryCustomizer.class).customize(factory);
		return factory;
	}

	/** The consumer named on the sockets the client makes, empty when TLS Boot does not observe them. */
	private static Optional<String> consumer(ConnectionFactory factory) throws IOException {
		try (Socket socket = factory.getSocketFactory().createSocket()) {
			return ConnectionObserver.trackedConnection(socket).map(TrackedConnection::consumer);
		}
	}

}
