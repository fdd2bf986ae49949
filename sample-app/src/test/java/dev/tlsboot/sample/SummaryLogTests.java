package dev.tlsboot.sample;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SummaryLogTests {

	private static final Duration INTERVAL = Duration.ofMillis(300);

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private final SummaryLog log = new SummaryLog(this.lines::add, "Dropped", INTERVAL, this.timer);

	@AfterEach
	void stopTimer() throws InterruptedException {
		this.timer.shutdownNow();
		assertThat(this.timer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void logsTheFirstAtOnceThenOneSummaryPerIntervalWithTheCountOfEachReason() {
		this.log.add("over a", () -> "first, over a");
		assertThat(this.lines).containsExactly("first, over a (more are summarized every 300 ms)");
		for (int i = 0; i < 1000; i++) {
			this.log.add((i % 4 == 0) ? "past b" : "over a", () -> "never made");
		}
		assertThat(this.lines).hasSize(1);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.lines.size() == 2);
		assertThat(this.lines.get(1)).isEqualTo("Dropped: 1000 in the last 300 ms (250 past b, 750 over a)");
	}

	@Test
	void startsAgainWithALineOfItsOwnAfterAQuietInterval() {
		this.log.add("over a", () -> "first");
		// Quiet for two intervals: the summary finds nothing and stops
		await().pollDelay(INTERVAL.multipliedBy(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
		this.log.add("over a", () -> "second");
		assertThat(this.lines).containsExactly("first (more are summarized every 300 ms)",
				"second (more are summarized every 300 ms)");
	}

	@Test
	void flushSaysWhatWasCountedAndNotLoggedYet() {
		this.log.add("over a", () -> "first");
		this.log.add("over a", () -> "never made");
		this.log.flush();
		this.log.flush();
		assertThat(this.lines).containsExactly("first (more are summarized every 300 ms)",
				"Dropped: 1 in the last 300 ms (1 over a)");
	}

}
