package dev.tlsboot.core.revocation;

import java.util.function.Supplier;

/**
 * A warning per key (a certificate, a responder) at most once a minute: a peer whose status cannot be told would
 * otherwise log a line per handshake.
 */
final class RateLimitedLog {

	private static final long INTERVAL_NANOS = 60_000_000_000L;

	private final System.Logger logger;

	private final BoundedMap<String, Long> lastLogged = new BoundedMap<>();

	RateLimitedLog(System.Logger logger) {
		this.logger = logger;
	}

	void warn(String key, Supplier<String> message) {
		long now = System.nanoTime();
		Long last = this.lastLogged.get(key);
		if (last != null && now - last < INTERVAL_NANOS) {
			return;
		}
		this.lastLogged.put(key, now);
		this.logger.log(System.Logger.Level.WARNING, message);
	}

}
