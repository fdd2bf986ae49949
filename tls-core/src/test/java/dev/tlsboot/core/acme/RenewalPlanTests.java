package dev.tlsboot.core.acme;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.tlsboot.pki.CertificateAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/** When to renew and when to try again. */
class RenewalPlanTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void renewsWhenAThirdOfTheLifetimeIsLeftOrRenewBeforeTheEnd() {
		Instant notBefore = NOW.minus(Duration.ofDays(1));
		X509Certificate leaf = CertificateAuthority.root("CA").issue()
			.commonName("app.example.com")
			.subjectAltNames("app.example.com")
			.validity(notBefore, notBefore.plus(Duration.ofDays(90)))
			.build()
			.certificate();
		assertThat(RenewalPlan.renewalPoint(leaf, null)).isEqualTo(notBefore.plus(Duration.ofDays(60)));
		assertThat(RenewalPlan.renewalPoint(leaf, Duration.ofDays(7))).isEqualTo(notBefore.plus(Duration.ofDays(83)));
	}

	@Test
	void retriesAfterWaitsThatDoubleWithJitterUpToRetryMax() {
		Duration max = Duration.ofMinutes(1);
		for (int attempt = 1; attempt <= 3; attempt++) {
			Duration full = RenewalPlan.FIRST_RETRY.multipliedBy(1L << (attempt - 1));
			assertThat(RenewalPlan.retryDelay(attempt, max, null, NOW)).isBetween(full.dividedBy(2), full);
		}
		assertThat(RenewalPlan.retryDelay(30, max, null, NOW)).isBetween(max.dividedBy(2), max);
	}

	@Test
	void neverRetriesSoonerThanTheCaAsks() {
		Instant retryAfter = NOW.plus(Duration.ofHours(2));
		assertThat(RenewalPlan.retryDelay(1, Duration.ofMinutes(1), retryAfter, NOW)).isEqualTo(Duration.ofHours(2));
	}

}
