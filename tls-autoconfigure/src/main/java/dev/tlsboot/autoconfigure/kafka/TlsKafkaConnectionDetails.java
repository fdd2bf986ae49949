package dev.tlsboot.autoconfigure.kafka;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

/**
 * Kafka connection details in which every TLS Boot bundle is Kafka's view of it ({@link KafkaSslBundle}); the rest
 * is the given details', asked each time, as Spring Boot asks them.
 */
final class TlsKafkaConnectionDetails implements KafkaConnectionDetails {

	private final KafkaConnectionDetails details;

	private final Predicate<SslBundle> bridged;

	private TlsKafkaConnectionDetails(KafkaConnectionDetails details, Predicate<SslBundle> bridged) {
		this.details = details;
		this.bridged = bridged;
	}

	/**
	 * The details Kafka's clients should be built from.
	 * @param details the application's (Spring Boot's from {@code spring.kafka.*}, or a service connection's)
	 * @param bridged whether a bundle is one of TLS Boot's
	 * @return {@code details} itself when none of its clients uses a TLS Boot bundle, so that an application bean
	 * keeps its own type
	 */
	static KafkaConnectionDetails of(KafkaConnectionDetails details, Predicate<SslBundle> bridged) {
		boolean anyBridged = Stream
			.of(details.getConsumer(), details.getProducer(), details.getAdmin(), details.getStreams())
			.map(Configuration::getSslBundle)
			.anyMatch((bundle) -> bundle != null && bridged.test(bundle));
		return anyBridged ? new TlsKafkaConnectionDetails(details, bridged) : details;
	}

	@Override
	public List<String> getBootstrapServers() {
		return this.details.getBootstrapServers();
	}

	@Override
	public @Nullable SslBundle getSslBundle() {
		return forKafka(this.details.getSslBundle());
	}

	@Override
	public @Nullable String getSecurityProtocol() {
		return this.details.getSecurityProtocol();
	}

	@Override
	public Configuration getConsumer() {
		return forKafka(this.details.getConsumer());
	}

	@Override
	public Configuration getProducer() {
		return forKafka(this.details.getProducer());
	}

	@Override
	public Configuration getAdmin() {
		return forKafka(this.details.getAdmin());
	}

	@Override
	public Configuration getStreams() {
		return forKafka(this.details.getStreams());
	}

	private Configuration forKafka(Configuration configuration) {
		SslBundle bundle = configuration.getSslBundle();
		SslBundle forKafka = forKafka(bundle);
		return (forKafka != bundle) ? Configuration.of(configuration.getBootstrapServers(), forKafka,
				configuration.getSecurityProtocol()) : configuration;
	}

	private @Nullable SslBundle forKafka(@Nullable SslBundle bundle) {
		return (bundle != null && this.bridged.test(bundle)) ? new KafkaSslBundle(bundle) : bundle;
	}

	@Override
	public String toString() {
		return "TLS Boot's Kafka view of " + this.details;
	}

}
