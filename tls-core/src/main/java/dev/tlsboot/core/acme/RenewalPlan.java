package dev.tlsboot.core.acme;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * When to renew and when to try again: as CertMagic does, a certificate is renewed when a third of its lifetime is
 * left (or {@code renew-before} before its end), and a failed attempt is tried again after a wait that doubles from
 * {@link #FIRST_RETRY}, with jitter so that instances failing together do not retry together, capped at
 * {@code retry-max}, and never sooner than the CA's {@code Retry-After}.
 */
final class RenewalPlan {

	static final Duration FIRST_RETRY = Duration.ofSeconds(2);

	private RenewalPlan() {
	}

	/** When {@code leaf} should be renewed: a third of its lifetime before its end, or {@code renewBefore}. */
	static Instant renewalPoint(X509Certificate leaf, @Nullable Duration renewBefore) {
		Instant notBefore = leaf.getNotBefore().toInstant();
		Instant notAfter = leaf.getNotAfter().toInstant();
		Duration ahead = (renewBefore != null) ? renewBefore : Duration.between(notBefore, notAfter).dividedBy(3);
		Instant point = notAfter.minus(ahead);
		return point.isBefore(notBefore) ? notBefore : point;
	}

	/**
	 * How long to wait after the {@code failures}-th failure in a row.
	 * @param retryAfter what the CA asked for, or {@code null}
	 */
	static Duration retryDelay(int failures, Duration retryMax, @Nullable Instant retryAfter, Instant now) {
		Duration doubled = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 30));
		Duration capped = (doubled.compareTo(retryMax) > 0) ? retryMax : doubled;
		// Between half and all of the wait: spread out, still growing.
		Duration jittered = Duration.ofMillis(capped.toMillis() / 2
				+ ThreadLocalRandom.current().nextLong(capped.toMillis() / 2 + 1));
		if (retryAfter != null && retryAfter.isAfter(now.plus(jittered))) {
			return Duration.between(now, retryAfter);
		}
		return jittered;
	}

}
