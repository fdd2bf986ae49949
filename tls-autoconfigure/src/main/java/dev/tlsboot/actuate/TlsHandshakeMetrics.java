package dev.tlsboot.actuate;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.spi.ConnectionRef;
import dev.tlsboot.core.spi.TlsEventListener;
import dev.tlsboot.core.status.ConnectionInfo;

/**
 * Handshake metrics, fed as a {@link TlsEventListener} of every context:
 * <ul>
 * <li>{@code tls.handshakes}: a timer of handshakes, tagged {@code context}, {@code role}, {@code consumer} (the
 * library that made the connection, e.g. {@code redis}, or {@code unknown}), {@code protocol},
 * {@code cipher} (OpenSSL name), {@code outcome} ({@code success} or {@code failure}) and {@code cause} (a
 * {@code HandshakeFailure.Cause} such as {@code UNKNOWN_CA}, {@code none} for a success);</li>
 * <li>{@code tls.handshake.failures}: a counter of failed handshakes, tagged {@code context}, {@code role},
 * {@code consumer} and {@code cause}, which also counts failures before the handshake started.</li>
 * </ul>
 * Contexts are built before the meter registries, so this records into every registry it is bound to from then on.
 */
public class TlsHandshakeMetrics implements TlsEventListener, MeterBinder {

	private static final String UNKNOWN = "unknown";

	private final CompositeMeterRegistry registries = new CompositeMeterRegistry();

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
	}

	@Override
	public void session(ConnectionRef connection, ConnectionInfo session) {
		record(connection, Tags.of("protocol", orUnknown(session.protocol()), "cipher", orUnknown(session.cipher()),
				"outcome", "success", "cause", "none"));
	}

	@Override
	public void error(ConnectionRef connection, String message) {
		String cause = (connection instanceof TrackedConnection tracked) ? tracked.failure()
			.map((failure) -> failure.explanation().cause().name())
			.orElse(UNKNOWN) : UNKNOWN;
		Counter.builder("tls.handshake.failures")
			.description("TLS handshakes that failed")
			.tags(common(connection))
			.tag("cause", cause)
			.register(this.registries)
			.increment();
		record(connection, Tags.of("protocol", UNKNOWN, "cipher", UNKNOWN, "outcome", "failure", "cause", cause));
	}

	private void record(ConnectionRef connection, Tags tags) {
		Duration duration = (connection instanceof TrackedConnection tracked) ? tracked.handshakeDuration() : null;
		if (duration == null) {
			return;
		}
		Timer.builder("tls.handshakes")
			.description("TLS handshakes")
			.tags(common(connection).and(tags))
			.register(this.registries)
			.record(duration);
	}

	private static Tags common(ConnectionRef connection) {
		return Tags.of("context", connection.context(), "role", connection.role().name().toLowerCase(Locale.ROOT),
				"consumer", orUnknown(connection.consumer()));
	}

	private static String orUnknown(String value) {
		return (value != null) ? value : UNKNOWN;
	}

}
