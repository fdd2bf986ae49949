package dev.tlsboot.autoconfigure.reload;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tlsboot.actuate.TlsHealthIndicator;
import dev.tlsboot.core.status.CertificateInfo;
import dev.tlsboot.pki.IssuedCertificate;

import static dev.tlsboot.autoconfigure.ConsumerTesting.awaitRefusals;
import static dev.tlsboot.autoconfigure.ConsumerTesting.awaitReloads;
import static dev.tlsboot.autoconfigure.reload.Rotation.serial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad sets published to the volume of a running Tomcat server are refused: the last good certificate keeps serving,
 * and the refusal shows in {@link TlsReloads}, the {@code tls} health details, a {@link TlsContextReloadedEvent} and
 * the {@code tls.reloads} counter; the next good set is taken, and {@code tls.certificate.expiry} follows it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedRotationTests {

	@TempDir
	static Path directory;

	private Rotation rotation;

	private ConfigurableApplicationContext application;

	private volatile IssuedCertificate served;

	@BeforeAll
	void start() {
		this.rotation = new Rotation(directory);
		this.served = this.rotation.publish(this.rotation.issueServer());
		Map<String, String> properties = new LinkedHashMap<>(this.rotation.properties("web"));
		properties.put("tls.server.context", "web");
		this.application = RotatingServer.TOMCAT.run(properties);
	}

	@AfterAll
	void stop() {
		if (this.application != null) {
			this.application.close();
		}
	}

	static Stream<Arguments> badSets() {
		return Stream.of(Arguments.of("a truncated key", (Function<Rotation, Map<String, String>>) (rotation) -> {
			IssuedCertificate certificate = rotation.issueServer();
			String key = certificate.privateKeyPem();
			return files(rotation, certificate.chainPem(), key.substring(0, key.length() / 2));
		}), Arguments.of("a key for another certificate", (Function<Rotation, Map<String, String>>) (rotation) -> files(
				rotation, rotation.issueServer().chainPem(), rotation.issueServer().privateKeyPem())),
				Arguments.of("an expired certificate", (Function<Rotation, Map<String, String>>) (rotation) -> {
					IssuedCertificate expired = rotation.issueExpired();
					return files(rotation, expired.chainPem(), expired.privateKeyPem());
				}));
	}

	private static Map<String, String> files(Rotation rotation, String chain, String key) {
		return Map.of("tls.crt", chain, "tls.key", key, "ca.crt", rotation.ca.rootCertificatePem());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badSets")
	void badSetIsRefusedAndTheNextGoodOneTaken(String description, Function<Rotation, Map<String, String>> badSet)
			throws Exception {
		int port = RotatingServer.port(this.application);
		TlsReloads.Status start = this.application.getBean(TlsReloads.class).status("web").orElse(TlsReloads.Status.NONE);
		double refusedBefore = reloadCount("refused");

		this.rotation.volume.publish(badSet.apply(this.rotation));
		TlsReloads.Status refused = awaitRefusals(this.application, "web", start.refusals() + 1);

		assertThat(refused.refusedLast()).isTrue();
		assertThat(this.rotation.handshake(port, null).getSerialNumber()).as("the last good certificate")
			.isEqualTo(serial(this.served));
		assertThat(healthWarnings()).anySatisfy((warning) -> assertThat(warning)
			.contains("Context 'web': new material refused").contains(refused.lastRefusal()));
		// The event (and the counter it feeds) follows the status, on the watcher's thread.
		await().atMost(Rotation.TIMEOUT).untilAsserted(() -> {
			TlsContextReloadedEvent event = lastEvent();
			assertThat(event.isRefused()).isTrue();
			assertThat(event.getRefusal()).isEqualTo(refused.lastRefusal());
			assertThat(reloadCount("refused")).isEqualTo(refusedBefore + 1);
		});

		IssuedCertificate good = this.rotation.publish(this.rotation.issueServer());
		awaitReloads(this.application, "web", start.reloads() + 1);
		this.served = good;
		assertThat(this.rotation.handshake(port, null).getSerialNumber()).isEqualTo(serial(good));
		assertThat(healthWarnings()).noneSatisfy((warning) -> assertThat(warning).contains("refused"));
		await().atMost(Rotation.TIMEOUT).untilAsserted(() -> assertThat(lastEvent().isRefused()).isFalse());
	}

	@Test
	void expiryGaugeAndReloadCounterFollowTheServedCertificate() {
		TlsReloads.Status start = this.application.getBean(TlsReloads.class).status("web").orElse(TlsReloads.Status.NONE);
		double reloadedBefore = reloadCount("reloaded");
		assertThat(expirySerials()).containsExactly(hexSerial(this.served));

		IssuedCertificate renewed = this.rotation.publish(this.rotation.issueServer());
		awaitReloads(this.application, "web", start.reloads() + 1);
		this.served = renewed;

		assertThat(expirySerials()).containsExactly(hexSerial(renewed));
		Gauge expiry = registry().get("tls.certificate.expiry").tags("context", "web").gauge();
		assertThat(expiry.value()).isGreaterThan(300 * 24 * 3600);
		await().atMost(Rotation.TIMEOUT)
			.untilAsserted(() -> assertThat(reloadCount("reloaded")).isEqualTo(reloadedBefore + 1));
	}

	private static String hexSerial(IssuedCertificate certificate) {
		return CertificateInfo.of(certificate.certificate()).serialNumber();
	}

	private MeterRegistry registry() {
		return this.application.getBean(MeterRegistry.class);
	}

	/** The serial numbers the {@code web} context's expiry gauges are tagged with. */
	private List<String> expirySerials() {
		return registry().find("tls.certificate.expiry")
			.tags("context", "web")
			.gauges()
			.stream()
			.map((gauge) -> gauge.getId().getTag("certificate"))
			.toList();
	}

	private double reloadCount(String outcome) {
		var counter = registry().find("tls.reloads").tags("context", "web", "outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@SuppressWarnings("unchecked")
	private List<String> healthWarnings() {
		Health health = this.application.getBean(TlsHealthIndicator.class).health(true);
		return (List<String>) health.getDetails().get("warnings");
	}

	private TlsContextReloadedEvent lastEvent() {
		List<TlsContextReloadedEvent> events = this.application.getBean(RotatingServer.ReloadEvents.class).events();
		return events.get(events.size() - 1);
	}

}
