package dev.tlsboot.sample;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Logs events that a client can cause by the thousand (connections turned away, requests refused) without flooding
 * the log: the first one at once, with its detail, then at most one line per interval, the count of each reason
 * since the line before, for as long as they keep coming.
 */
final class SummaryLog {

	private final Consumer<String> log;

	private final String events;

	private final Duration interval;

	private final ScheduledExecutorService timer;

	/** The interval as the lines say it. */
	private final String period;

	/** Events since the last line, by reason; guarded by {@code this}. */
	private final Map<String, Long> counts = new LinkedHashMap<>();

	/** Whether a summary is due: set from the first event until an interval passes without one. */
	private boolean summarizing;

	/**
	 * @param log where lines go, e.g. {@code logger::warn}
	 * @param events what the events are, as a summary starts: {@code "Connections dropped"} makes
	 * {@code "Connections dropped: 12 in the last 60 s (10 over ..., 2 past ...)"}
	 * @param interval the least time between two lines
	 * @param timer runs the summaries
	 */
	SummaryLog(Consumer<String> log, String events, Duration interval, ScheduledExecutorService timer) {
		this.log = log;
		this.events = events;
		this.interval = interval;
		this.timer = timer;
		this.period = (interval.toMillis() % 1000 == 0) ? interval.toSeconds() + " s" : interval.toMillis() + " ms";
	}

	/**
	 * Count an event, and log it when it is the first for an interval.
	 * @param reason why it happened, a few words that the summary counts by
	 * @param detail the line for it, made only when it is logged
	 */
	synchronized void add(String reason, Supplier<String> detail) {
		if (this.summarizing) {
			this.counts.merge(reason, 1L, Long::sum);
			return;
		}
		this.summarizing = true;
		this.log.accept(detail.get() + " (more are summarized every " + this.period + ")");
		this.timer.schedule(this::summarize, this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Log what was counted and not logged yet, e.g. before stopping. */
	synchronized void flush() {
		if (!this.counts.isEmpty()) {
			long total = this.counts.values().stream().mapToLong(Long::longValue).sum();
			this.log.accept(this.events + ": " + total + " in the last " + this.period + " ("
					+ this.counts.entrySet()
						.stream()
						.map((count) -> count.getValue() + " " + count.getKey())
						.collect(Collectors.joining(", "))
					+ ")");
			this.counts.clear();
		}
	}

	private synchronized void summarize() {
		if (this.counts.isEmpty()) {
			this.summarizing = false;
			return;
		}
		flush();
		this.timer.schedule(this::summarize, this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

}
