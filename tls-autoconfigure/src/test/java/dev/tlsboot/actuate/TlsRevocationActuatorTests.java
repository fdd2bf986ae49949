package dev.tlsboot.actuate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
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
import dev.tlsboot.core.status.RevocationStatus;
import dev.tlsboot.testing.OpenSslCa;
import dev.tlsboot.testing.OpenSslCli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What Actuator shows of revocation, after real handshakes against a CRL from {@code openssl ca -gencrl} and
 * {@code openssl ocsp} answering from the same index: the answers counted by source and outcome, the CRLs and the
 * OCSP cache in the {@code tls} endpoint, and a stale CRL and a responder failing too long in the health.
 */
@ExtendWith(TlsCertificatesExtension.class)
class TlsRevocationActuatorTests {

	private static TestCertificates certs;

	private static Path crl;

	private static Path staleCrl;

	private static OpenSslCli.Server responder;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, TlsAutoConfiguration.class,
				TlsMetricsAutoConfiguration.class, TlsHealthContributorAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@BeforeAll
	static void revoke(TestCertificates certs) throws Exception {
		TlsRevocationActuatorTests.certs = certs;
		OpenSslCa ca = OpenSslCa.create(certs.directory().resolve("revocation-db"), certs.ca());
		IssuedCertificate revoked = certs.ca().issueServer("localhost", "127.0.0.1");
		revoked.writeTo(certs.directory(), "revoked");
		ca.revoke(revoked.certificate(), "keyCompromise");
		crl = ca.crl(certs.file("ca.crl"));
		staleCrl = ca.staleCrl(certs.file("stale.crl"));
		ca.valid(certs.ca().issueServer("localhost", "127.0.0.1")).writeTo(certs.directory(), "ocsp-good");
		responder = ca.responder(OpenSslCli.freePort());
	}

	@AfterAll
	static void stop() {
		responder.close();
	}

	/** The default context a client checking revocation with OCSP, {@code good} a server the responder knows. */
	private static String[] ocsp(String responderUrl, String... more) {
		List<String> properties = new ArrayList<>(List.of("tls.cafile=" + certs.location("ca.crt"),
				"tls.revocation=soft", "tls.revocation-crldp=false", "tls.ocsp-responder=" + responderUrl,
				"tls.contexts.good.certfile=" + certs.location("ocsp-good.crt"),
				"tls.contexts.good.keyfile=" + certs.location("ocsp-good.key")));
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
	}

	@Test
	void theEndpointShowsTheOcspCacheOfEachContext() {
		String url = "http://127.0.0.1:" + responder.port();
		this.runner.withPropertyValues(ocsp(url)).run((context) -> {
			TlsContexts contexts = context.getBean(TlsContexts.class);
			LoopbackConnection.open(contexts.get("good"), contexts.getDefault()).close();
			RevocationDescriptor described = RevocationDescriptor.of(contexts.getDefault(), Instant.now());
			assertThat(described.ocsp()).singleElement().satisfies((entry) -> {
				assertThat(entry.responder()).isEqualTo(url);
				assertThat(entry.issuer()).isEqualTo(certs.ca().certificate().getSubjectX500Principal().getName());
				assertThat(entry.status().state()).isEqualTo(RevocationStatus.State.GOOD);
				assertThat(entry.status().nextUpdate()).isAfter(entry.status().thisUpdate());
			});
			assertThat(described.failingResponders()).isEmpty();
			assertThat(described.answers()).containsKeys("ocsp", "staple");
		});
	}

	@Test
	void aResponderFailingLongerThanTheThresholdIsAWarning() throws IOException {
		String dead = "http://127.0.0.1:" + OpenSslCli.freePort();
		this.runner.withPropertyValues(ocsp(dead, "tls.health.responder-threshold=0s")).run((context) -> {
			TlsContexts contexts = context.getBean(TlsContexts.class);
			// soft: the handshake passes with the status unknown
			LoopbackConnection.open(contexts.get("good"), contexts.getDefault()).close();
			assertThat(RevocationDescriptor.of(contexts.getDefault(), Instant.now()).ocsp()).singleElement()
				.satisfies((entry) -> assertThat(entry.status().detail()).contains("cannot be reached"));
			Health health = context.getBean(TlsHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat((List<?>) health.getDetails().get("warnings")).singleElement().asString()
				.startsWith("Context 'default': OCSP responder " + dead + " has failed since")
				.contains("let through unchecked");
		});
		this.runner.withPropertyValues(ocsp(dead)).run((context) -> {
			TlsContexts contexts = context.getBean(TlsContexts.class);
			LoopbackConnection.open(contexts.get("good"), contexts.getDefault()).close();
			// failing, but not for the default five minutes yet
			assertThat(context.getBean(TlsHealthIndicator.class).health(true).getDetails().get("warnings"))
				.isEqualTo(List.of());
		});
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
