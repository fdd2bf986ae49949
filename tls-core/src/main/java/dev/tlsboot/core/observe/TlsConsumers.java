package dev.tlsboot.core.observe;

/**
 * The names TLS Boot gives the libraries it hands its contexts to, as {@link TrackedConnection#consumer()}, the
 * endpoint and the {@code consumer} tag of the handshake metrics show them. A library TLS Boot does not know can be
 * named anything.
 */
public final class TlsConsumers {

	/** Redis through Lettuce ({@code spring.data.redis.ssl.bundle}). */
	public static final String REDIS = "redis";

	/** Kafka's producers, consumers and admin clients ({@code spring.kafka.ssl.bundle} and per client). */
	public static final String KAFKA = "kafka";

	/** The application's web server. */
	public static final String HTTP_SERVER = "http-server";

	/** The application's HTTP clients. */
	public static final String HTTP_CLIENT = "http-client";

	private TlsConsumers() {
	}

}
