package dev.tlsboot.autoconfigure.amqp;

import com.rabbitmq.client.ConnectionFactory;

import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.core.TlsContext;

/**
 * RabbitMQ on a TLS Boot context: when {@code spring.rabbitmq.ssl.bundle} is a context's bundle
 * ({@code tls-<name>}), the AMQP client's connections are made by that context's SSLContext named as consumer
 * {@code rabbitmq} (see {@link RabbitTls}), so they are in {@code /actuator/tls/connections}, a wrong host is refused
 * with TLS Boot's explanation, and a reloaded certificate reaches the next connection.
 * <p>
 * It is the first {@link ConnectionFactoryCustomizer}: one of the application's that sets its own SSL protocol
 * replaces it. The bundle is read as the application starts, not by a condition, which AOT would fix at build time.
 */
@AutoConfiguration(after = TlsAutoConfiguration.class,
		beforeName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@ConditionalOnClass({ ConnectionFactory.class, ConnectionFactoryCustomizer.class })
@ConditionalOnBean(TlsContexts.class)
public final class TlsRabbitAutoConfiguration {

	static final String BUNDLE_PROPERTY = "spring.rabbitmq.ssl.bundle";

	TlsRabbitAutoConfiguration() {
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	ConnectionFactoryCustomizer tlsRabbitConnectionFactoryCustomizer(TlsContexts contexts, Environment environment) {
		TlsContext context = contexts.forBundle(environment.getProperty(BUNDLE_PROPERTY, ""));
		// Another bundle is Spring Boot's own: the client keeps what Spring Boot gave it
		return (context != null) ? new RabbitTls(context) : (connectionFactory) -> {
		};
	}

}
