package dev.tlsboot.autoconfigure.amqp;

import javax.net.ssl.SSLContext;

import com.rabbitmq.client.ConnectionFactory;

import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;

import dev.tlsboot.core.ConsumerSslContext;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.observe.TlsConsumers;

/**
 * Gives the AMQP client the context's SSLContext as consumer {@code rabbitmq}, in place of the same SSLContext that
 * Spring Boot took from the bundle unnamed: every connection is then in the registry as {@code rabbitmq}. The trust,
 * the key and the host name check stay the context's; the client's own host name check (Spring Boot's
 * {@code verify-hostname}) asks for the check TLS Boot makes on every client socket anyway, so the context's
 * {@code require} decides whether a mismatch is refused.
 */
final class RabbitTls implements ConnectionFactoryCustomizer {

	private final SSLContext sslContext;

	RabbitTls(TlsContext context) {
		this.sslContext = ConsumerSslContext.of(context.sslContext(), TlsConsumers.RABBITMQ);
	}

	@Override
	public void customize(ConnectionFactory connectionFactory) {
		// Spring Boot decides whether TLS is on (spring.rabbitmq.ssl.enabled, an amqps:// address); TLS Boot only
		// names what it would use
		if (connectionFactory.isSSL()) {
			connectionFactory.useSslProtocol(this.sslContext);
		}
	}

}
