package dev.tlsboot.actuate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import dev.tlsboot.actuate.autoconfigure.TlsHealthContributorAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.pki.CertificateAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code tls} health indicator over contexts whose certificates are valid, about to expire, expired and not yet
 * valid.
 */
class TlsHealthIndicatorTests {

	@TempDir
	static Path dir;

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(TlsAutoConfiguration.class, TlsHealthContributorAutoConfiguration.class));

	@BeforeAll
	static void writeCertificates() {
		CertificateAuthority ca = CertificateAuthority.root("Health Test CA");
		Instant now = Instant.now();
		issue(ca, "valid", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)));
		issue(ca, "expiring", now.minus(Duration.ofDays(80)), now.plus(Duration.ofDays(5)).plusSeconds(3600));
	}

	@Test
	void upWithoutWarningsWhenEveryCertificateIsValid() {
		this.runner.withPropertyValues(context("default", "valid")).run((context) -> {
			Health health = context.getBean(TlsHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("warnings", List.of());
			assertThat(chain(health, "default")).singleElement().satisfies((certificate) -> {
				assertThat(certificate.subject()).isEqualTo("CN=valid");
				assertThat(certificate.daysLeft()).isEqualTo(89);
				assertThat(certificate.validity()).isEqualTo(CertificateSummary.Validity.VALID);
			});
		});
	}

	@Test
	void upWithAWarningWithinTheThreshold() {
		this.runner.withPropertyValues(context("default", "valid")).withPropertyValues(context("api", "expiring"))
			.run((context) -> {
				Health health = context.getBean(TlsHealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(warnings(health)).singleElement()
					.asString()
					.startsWith("Context 'api': certificate 'CN=expiring' expires on")
					.endsWith("in 5 days.");
				assertThat(chain(health, "api").get(0).validity())
					.isEqualTo(CertificateSummary.Validity.EXPIRING_SOON);
			});
	}

	@Test
	void theWarningThresholdIsAProperty() {
		this.runner.withPropertyValues(context("default", "valid"))
			.withPropertyValues("tls.health.warning-threshold=100d")
			.run((context) -> assertThat(warnings(context.getBean(TlsHealthIndicator.class).health(true)))
				.singleElement()
				.asString()
				.contains("'CN=valid'", "in 89 days"));
	}

	@Test
	void downOnceACertificateHasExpired() {
		this.runner.withPropertyValues(context("default", "valid")).withPropertyValues(context("old", "expiring"))
			.run((context) -> {
				Health health = at(context, Duration.ofDays(8)).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(warnings(health)).singleElement().asString().contains("'CN=expiring' expired on");
				assertThat(chain(health, "old").get(0).daysLeft()).isEqualTo(-2);
			});
	}

	@Test
	void downWhenACertificateIsNotYetValid() {
		this.runner.withPropertyValues(context("default", "valid")).run((context) -> {
			Health health = at(context, Duration.ofDays(-2)).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(warnings(health)).singleElement().asString().contains("is not valid before");
		});
	}

	/** The indicator as it will judge the application's contexts {@code later} from now. */
	private static TlsHealthIndicator at(ApplicationContext context, Duration later) {
		return new TlsHealthIndicator(context.getBean(TlsContexts.class), Duration.ofDays(14), null,
				Duration.ofMinutes(5), null, Clock.offset(Clock.systemUTC(), later));
	}

	@Test
	void canBeTurnedOff() {
		this.runner.withPropertyValues("management.health.tls.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TlsHealthIndicator.class));
	}

	private static String[] context(String name, String certificate) {
		String prefix = name.equals("default") ? "tls." : "tls.contexts." + name + ".";
		return new String[] { prefix + "certfile=file:" + dir.resolve(certificate + ".crt"),
				prefix + "keyfile=file:" + dir.resolve(certificate + ".key") };
	}

	private static void issue(CertificateAuthority ca, String name, Instant notBefore, Instant notAfter) {
		ca.issue().commonName(name).subjectAltNames("localhost").serverAuth().validity(notBefore, notAfter).build()
			.writeTo(dir, name);
	}

	@SuppressWarnings("unchecked")
	private static List<CertificateSummary> chain(Health health, String context) {
		return ((Map<String, List<CertificateSummary>>) health.getDetails().get("contexts")).get(context);
	}

	@SuppressWarnings("unchecked")
	private static List<String> warnings(Health health) {
		return (List<String>) health.getDetails().get("warnings");
	}

}
