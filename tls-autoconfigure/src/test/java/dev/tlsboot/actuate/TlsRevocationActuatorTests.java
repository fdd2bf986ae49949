package dev.tlsboot.actuate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tlsboot.actuate.autoconfigure.TlsHealthContributorAutoConfiguration;
import dev.tlsboot.actuate.autoconfigure.TlsMetricsAutoConfiguration;
import dev.tlsboot.autoconfigure.LoopbackConnection;
import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.test.TestCertificates;
import dev.tlsboot.test.TlsCertificatesExtension;
import dev.tlsboot.testing.OpenSslCa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What Actuator shows of revocation, after real handshakes against a CRL from {@code openssl ca -gencrl}: the
 * answers counted by source and outcome, the CRLs in the {@code tls} endpoint, and a stale CRL in the health.
 */
@ExtendWith(TlsCertificatesExtension.class)
class TlsRevocationActuatorTests {

	private static TestCertificates certs;

	private static Path crl;

	private static Path staleCrl;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, TlsAutoConfiguration.class,
				TlsMetricsAutoConfiguration.class, TlsHealthContributorAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@BeforeAll
	static void revoke(TestCertificates certs) {
		TlsRevocationActuatorTests.certs = certs;
		OpenSslCa ca = OpenSslCa.create(certs.directory().resolve("revocation-db"), certs.ca());
		IssuedCertificate revoked = certs.ca().issueServer("localhost", "127.0.0.1");
		revoked.writeTo(certs.directory(), "revoked");
		ca.revoke(revoked.certificate(), "keyCompromise");
		crl = ca.crl(certs.file("ca.crl"));
		staleCrl = ca.staleCrl(certs.file("stale.crl"));
	}

	private String[] contexts(Path crlfile) {
		return new String[] { "tls.cafile=" + certs.location("ca.crt"), "tls.crlfile=" + crlfile,
				"tls.contexts.good.certfile=" + certs.location("server.crt"),
				"tls.contexts.good.keyfile=" + certs.location("server.key"),
				"tls.contexts.revoked.certfile=" + certs.location("revoked.crt"),
				"tls.contexts.revoked.keyfile=" + certs.location("revoked.key") };
	}

	@Test
	void answersAreCountedBySourceAndOutcomeAndTheCrlsShown() {
		this.runner.withPropertyValues(contexts(crl)).run((context) -> {
			TlsContexts contexts = context.getBean(TlsContexts.class);
			LoopbackConnection.open(contexts.get("good"), contexts.getDefault()).close();
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> LoopbackConnection.open(contexts.get("revoked"), contexts.getDefault()));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(count(registry, "good")).isOne();
			assertThat(count(registry, "revoked")).isOne();
			assertThat(count(registry, "unknown")).isZero();
			RevocationDescriptor described = RevocationDescriptor.of(contexts.getDefault(), Instant.now());
			assertThat(described.mode()).isEqualTo("soft");
			assertThat(described.sources()).containsExactly("crlfile");
			assertThat(described.crls()).singleElement().satisfies((one) -> {
				assertThat(one.issuer()).isEqualTo(certs.ca().certificate().getSubjectX500Principal().getName());
				assertThat(one.revoked()).isOne();
				assertThat(one.current()).isTrue();
			});
			assertThat(described.answers()).containsEntry("crlfile",
					Map.of("good", 1L, "revoked", 1L, "unknown", 0L));
			Health health = context.getBean(TlsHealthIndicator.class).health(true);
			assertThat(health.getDetails().get("warnings")).isEqualTo(List.of());
		});
	}

	@Test
	void aCrlPastItsNextUpdateIsAWarning() {
		this.runner.withPropertyValues(contexts(staleCrl)).run((context) -> {
			Health health = context.getBean(TlsHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat((List<?>) health.getDetails().get("warnings")).anySatisfy((warning) -> assertThat(warning)
				.asString()
				.startsWith("Context 'default': the CRL of '"
						+ certs.ca().certificate().getSubjectX500Principal().getName()
						+ "' in 'crlfile' is past its nextUpdate"));
		});
	}

	private static double count(MeterRegistry registry, String outcome) {
		return registry.get("tls.revocation.checks")
			.tags("context", "default", "source", "crlfile", "outcome", outcome)
			.functionCounter()
			.count();
	}

}
