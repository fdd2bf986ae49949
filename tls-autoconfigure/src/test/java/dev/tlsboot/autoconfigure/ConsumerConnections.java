package dev.tlsboot.autoconfigure;

import java.util.Comparator;
import java.util.function.Predicate;

import org.springframework.context.ApplicationContext;

import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.TrackedConnection;

/**
 * What the tests of a library on a TLS Boot context read from the application's connection registry, as
 * {@code /actuator/tls/connections} shows it.
 */
public final class ConsumerConnections {

	private ConsumerConnections() {
	}

	/**
	 * The newest connection of context {@code context} that satisfies {@code filter}.
	 * @throws java.util.NoSuchElementException when there is none
	 */
	public static TrackedConnection newest(ApplicationContext application, String context,
			Predicate<TrackedConnection> filter) {
		return application.getBean(ConnectionRegistry.class)
			.connections(filter.and((entry) -> context.equals(entry.context())))
			.stream()
			.max(Comparator.comparingLong(TrackedConnection::id))
			.orElseThrow();
	}

}
