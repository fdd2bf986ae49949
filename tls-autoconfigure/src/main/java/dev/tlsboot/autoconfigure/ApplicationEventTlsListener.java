package dev.tlsboot.autoconfigure;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import dev.tlsboot.autoconfigure.TlsConnectionEvent.Type;
import dev.tlsboot.core.spi.ConnectionRef;
import dev.tlsboot.core.spi.TlsEventListener;
import dev.tlsboot.core.status.ConnectionInfo;

/**
 * Publishes what happens to connections as {@link TlsConnectionEvent}s. Runs after the application's own
 * listeners, so that an {@code @EventListener} sees an event no earlier than a {@link TlsEventListener} bean does.
 */
@Order(Ordered.LOWEST_PRECEDENCE)
final class ApplicationEventTlsListener implements TlsEventListener {

	private final ApplicationEventPublisher publisher;

	ApplicationEventTlsListener(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void info(ConnectionRef connection, String major, String minor, String message) {
		this.publisher.publishEvent(new TlsConnectionEvent(connection, Type.INFO, major, minor, message, null));
	}

	@Override
	public void error(ConnectionRef connection, String message) {
		this.publisher
			.publishEvent(new TlsConnectionEvent(connection, Type.ERROR, "handshake", "failed", message, null));
	}

	@Override
	public void session(ConnectionRef connection, ConnectionInfo session) {
		this.publisher.publishEvent(new TlsConnectionEvent(connection, Type.SESSION, "handshake", "session",
				session.protocol() + " " + session.cipher(), session));
	}

}
