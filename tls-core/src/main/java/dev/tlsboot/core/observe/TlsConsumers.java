package dev.tlsboot.core.observe;

/**
 * The names TLS Boot gives the libraries it hands its contexts to, as {@link TrackedConnection#consumer()}, the
 * endpoint and the {@code consumer} tag of the handshake metrics show them. A library TLS Boot does not know can be
 * named anything.
 */
public final class TlsConsumers {

	/** Redis through Lettuce ({@code spring.data.redis.ssl.bundle}). */
	public static final String REDIS = "redis";

	/** RabbitMQ through the AMQP client ({@code spring.rabbitmq.ssl.bundle}). */
	public static final String RABBITMQ = "rabbitmq";

	/** PostgreSQL through pgjdbc ({@code sslfactory=dev.tlsboot.core.jdbc.PostgresSslFactory}). */
	public static final String POSTGRESQL = "postgresql";

	/** Mail through Jakarta Mail's {@code JavaMailSenderImpl} ({@code spring.mail.ssl.bundle}). */
	public static final String MAIL = "mail";

	/** The gRPC server ({@code spring.grpc.server.ssl.bundle}). */
	public static final String GRPC_SERVER = "grpc-server";

	/** The gRPC client channels ({@code spring.grpc.client.channel.<name>.ssl.*}). */
	public static final String GRPC_CLIENT = "grpc-client";

	/** Kafka's producers, consumers and admin clients ({@code spring.kafka.ssl.bundle} and per client). */
	public static final String KAFKA = "kafka";

	/** The application's web server. */
	public static final String HTTP_SERVER = "http-server";

	/** The application's HTTP clients. */
	public static final String HTTP_CLIENT = "http-client";

	private TlsConsumers() {
	}

}
