package dev.tlsboot.core.revocation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A warning per key (a certificate, a responder) at most once a minute: a peer whose status cannot be told would
 * otherwise log a line per handshake.
 */
final class RateLimitedLog {

	private static final long INTERVAL_NANOS = 60_000_000_000L;

	/** A bound on the keys remembered, so that many distinct peers cannot grow the map without end. */
	private static final int MAX_KEYS = 10_000;

	private final System.Logger logger;

	private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

	RateLimitedLog(System.Logger logger) {
		this.logger = logger;
	}

	void warn(String key, Supplier<String> message) {
		long now = System.nanoTime();
		Long last = this.lastLogged.get(key);
		if (last != null && now - last < INTERVAL_NANOS) {
			return;
		}
		if (this.lastLogged.size() >= MAX_KEYS) {
			this.lastLogged.clear();
		}
		this.lastLogged.put(key, now);
		this.logger.log(System.Logger.Level.WARNING, message);
	}

}
