package dev.tlsboot.core.observe;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.option.TlsRole;

/**
 * Logs the handshakes that failed on the server side, which no caller sees fail: each at DEBUG with its explanation,
 * and, once per interval in which any failed, one INFO line with how many and their causes, most frequent first, so
 * that an operator notices a broken client or a scan without a line per handshake. A client's failure is thrown to
 * its caller, so it is not logged here.
 */
final class HandshakeFailureLog {

	/** The logger's name: {@code logging.level.dev.tlsboot.handshake=debug} shows every failed handshake. */
	static final String LOGGER = "dev.tlsboot.handshake";

	/** How often at most the summary is logged. */
	static final Duration INTERVAL = Duration.ofMinutes(1);

	private final System.Logger logger;

	private final Duration interval;

	private final Executor afterInterval;

	// Guarded by this: the failures of the interval under way, and the last explanation of each cause.
	private final Map<Cause, Integer> counts = new EnumMap<>(Cause.class);

	private final Map<Cause, String> lastExplained = new EnumMap<>(Cause.class);

	private boolean summaryDue;

	HandshakeFailureLog() {
		this(System.getLogger(LOGGER), INTERVAL);
	}

	HandshakeFailureLog(System.Logger logger, Duration interval) {
		this.logger = logger;
		this.interval = interval;
		this.afterInterval = CompletableFuture.delayedExecutor(interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** A connection failed its handshake: counted, and logged at DEBUG, when it is a server's. */
	void failed(TrackedConnection connection) {
		if (connection.role() != TlsRole.SERVER) {
			return;
		}
		HandshakeFailure failure = connection.failure().orElseThrow().explanation();
		String explained = "from " + connection.peer() + " (context '" + connection.context() + "', connection #"
				+ connection.id() + "): " + failure.explanation();
		this.logger.log(Level.DEBUG, () -> "TLS handshake failed on the server side, " + failure.cause() + ", "
				+ explained);
		synchronized (this) {
			this.counts.merge(failure.cause(), 1, Integer::sum);
			this.lastExplained.put(failure.cause(), explained);
			if (!this.summaryDue) {
				this.summaryDue = true;
				this.afterInterval.execute(this::summarize);
			}
		}
	}

	/** At the end of an interval: the summary of its failures, and another interval if there were any. */
	private void summarize() {
		String summary;
		synchronized (this) {
			if (this.counts.isEmpty()) {
				this.summaryDue = false;
				return;
			}
			summary = summary();
			this.counts.clear();
			this.lastExplained.clear();
			this.afterInterval.execute(this::summarize);
		}
		this.logger.log(Level.INFO, summary);
	}

	private String summary() {
		List<Map.Entry<Cause, Integer>> byCount = this.counts.entrySet()
			.stream()
			.sorted(Map.Entry.<Cause, Integer>comparingByValue(Comparator.reverseOrder()))
			.toList();
		int total = byCount.stream().mapToInt(Map.Entry::getValue).sum();
		// Cause is a short enum: every cause seen fits on the line
		String causes = byCount.stream()
			.map((entry) -> entry.getKey() + " " + entry.getValue())
			.collect(Collectors.joining(", "));
		Cause top = byCount.get(0).getKey();
		return total + " TLS handshake" + ((total > 1) ? "s" : "") + " failed on the server side in the last "
				+ describe(this.interval) + ": " + causes + ". The last " + top + ": " + this.lastExplained.get(top)
				+ " (each failure at DEBUG by '" + LOGGER + "'; the tls endpoint lists the last ones)";
	}

	private static String describe(Duration interval) {
		return (interval.toMillis() % 1000 == 0) ? interval.toSeconds() + " s" : interval.toMillis() + " ms";
	}

}
