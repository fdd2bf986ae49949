package dev.tlsboot.sample;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tlsboot.sample.CertificateRequestService.Limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #13's target: with 200 slow or silent connections open, a legitimate request is answered within 2 s, and
 * nothing is left behind once they close. They come from 25 addresses of 127/8, as many as the default limit per
 * address lets each hold; the legitimate client connects from 127.0.0.1.
 */
class SlowClientsTests {

	private static final int SLOW_CLIENTS = 200;

	private static final int PER_ADDRESS = 8;

	/** Longer than the test takes to open them all on a busy machine: the connections must be open together. */
	private static final Limits LIMITS = new Limits(Duration.ofSeconds(60), 512, PER_ADDRESS);

	private static final Duration DRIP_EVERY = Duration.ofSeconds(1);

	@TempDir
	Path directory;

	private RequestServiceFixture service;

	private final List<SlowClient> slowClients = new ArrayList<>();

	private final ScheduledExecutorService dripper = Executors.newSingleThreadScheduledExecutor();

	@BeforeEach
	void start() {
		this.service = new RequestServiceFixture(this.directory, LIMITS);
	}

	@AfterEach
	void stop() throws Exception {
		stopSlowClients();
		this.service.close();
	}

	@Test
	void answersALegitimateRequestWithin2SecondsWhile200SlowOrSilentConnectionsAreOpen() throws Exception {
		// The service's threads start with its first request: they are what "before" counts
		assertThat(this.service.requestClient().request(new CertificateRequest("early", "early@example.com")))
			.isPresent();
		int threadsBefore = threads();
		long filesBefore = openFiles();

		SlowClient.Kind[] kinds = SlowClient.Kind.values();
		for (int i = 0; i < SLOW_CLIENTS; i++) {
			InetAddress from = InetAddress.getByName("127.0.0." + (2 + i / PER_ADDRESS));
			this.slowClients.add(SlowClient.connect(kinds[i % kinds.length], from, this.service));
		}
		this.dripper.scheduleWithFixedDelay(this::dripAll, 0, DRIP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.service.open() == SLOW_CLIENTS);

		long started = System.nanoTime();
		assertThat(this.service.requestClient().request(new CertificateRequest("legit", "legit@example.com")))
			.isPresent();
		Duration answeredIn = Duration.ofNanos(System.nanoTime() - started);
		System.out.println("Legitimate request answered in " + answeredIn.toMillis() + " ms with " + SLOW_CLIENTS
				+ " slow or silent connections open");
		assertThat(answeredIn).isLessThan(Duration.ofSeconds(2));
		assertThat(this.service.dropped(DropReason.ADDRESS_LIMIT) + this.service.dropped(DropReason.DEADLINE))
			.as("slow connections dropped")
			.isZero();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.service.open() == SLOW_CLIENTS);

		stopSlowClients();
		// Polled on this thread: Awaitility's own would be counted
		await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.service.open()).isZero();
			assertThat(threads()).as("threads").isLessThanOrEqualTo(threadsBefore);
			assertThat(openFiles()).as("file descriptors").isLessThanOrEqualTo(filesBefore);
		});
	}

	private void dripAll() {
		for (SlowClient client : this.slowClients) {
			try {
				client.drip();
			}
			catch (IOException ex) {
				// Closed by the service: the assertions on the metrics say whether it should have been
			}
		}
	}

	private void stopSlowClients() throws Exception {
		this.dripper.shutdownNow();
		assertThat(this.dripper.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		for (SlowClient client : this.slowClients) {
			client.close();
		}
		this.slowClients.clear();
	}

	private static int threads() {
		return ManagementFactory.getThreadMXBean().getThreadCount();
	}

	private static long openFiles() throws IOException {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
			return descriptors.count();
		}
	}

}
