package dev.tlsboot.autoconfigure.reload;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.reload.MaterialWatcher;

/**
 * What rotation did to each context, for the {@code tls} endpoint and health indicator, and as
 * {@link TlsContextReloadedEvent}s.
 */
public class TlsReloads implements MaterialWatcher.Listener {

	/**
	 * One context's rotation history.
	 *
	 * @param reloads how many times new material was taken
	 * @param refusals how many times new material was refused
	 * @param lastReloaded when new material was last taken, or {@code null}
	 * @param lastRefused when new material was last refused, or {@code null}
	 * @param lastRefusal why, or {@code null}
	 */
	public record Status(@Nullable long reloads, @Nullable long refusals, @Nullable Instant lastReloaded, Instant lastRefused, String lastRefusal) {

		static final Status NONE = new Status(0, 0, null, null, null);

		/** Whether the latest attempt was refused, so the context serves older material than its files hold. */
		public boolean refusedLast() {
			return this.lastRefused != null && (this.lastReloaded == null || this.lastRefused.isAfter(this.lastReloaded));
		}

	}

	private final Map<String, Status> statuses = new ConcurrentHashMap<>();

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	TlsReloads(ApplicationEventPublisher publisher, Clock clock) {
		this.publisher = publisher;
		this.clock = clock;
	}

	@Override
	public void reloaded(TlsContext context) {
		Instant now = this.clock.instant();
		this.statuses.merge(context.name(), new Status(1, 0, now, null, null), (old, added) -> new Status(
				old.reloads() + 1, old.refusals(), now, old.lastRefused(), old.lastRefusal()));
		this.publisher.publishEvent(new TlsContextReloadedEvent(context, null));
	}

	@Override
	public void refused(TlsContext context, RuntimeException reason) {
		Instant now = this.clock.instant();
		String message = reason.getMessage();
		this.statuses.merge(context.name(), new Status(0, 1, null, now, message), (old, added) -> new Status(
				old.reloads(), old.refusals() + 1, old.lastReloaded(), now, message));
		this.publisher.publishEvent(new TlsContextReloadedEvent(context, message));
	}

	/**
	 * @param contextName a context's name
	 * @return its history; empty when its files never changed
	 */
	public Optional<Status> status(String contextName) {
		return Optional.ofNullable(this.statuses.get(contextName));
	}

}
