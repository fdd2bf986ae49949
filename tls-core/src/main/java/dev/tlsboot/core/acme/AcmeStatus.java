package dev.tlsboot.core.acme;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What ACME did for one context, for the {@code tls} endpoint and the health indicator.
 *
 * @param directory the CA's directory
 * @param account the account's URL at the CA, or {@code null} before the first order
 * @param domains the domains
 * @param challenge the challenge type
 * @param placeholder whether the context still serves the placeholder, for want of a first certificate
 * @param notAfter when the served certificate ends, or {@code null}
 * @param renewalPoint when it is due for renewal, or {@code null}
 * @param lastOrder when an order was last attempted, or {@code null}
 * @param lastOutcome {@code issued} or {@code failed} for that attempt, or {@code null}
 * @param lastError why the last attempt failed, or {@code null}
 * @param nextAttempt when the next check or attempt is scheduled, or {@code null} once stopped
 * @param issued how many certificates were obtained since start
 * @param failed how many attempts failed since start
 * @param failuresInARow how many attempts failed since the last success
 */
public record AcmeStatus(String directory, @Nullable String account, List<String> domains, String challenge,
		boolean placeholder, @Nullable Instant notAfter, @Nullable Instant renewalPoint, @Nullable Instant lastOrder,
		@Nullable String lastOutcome, @Nullable String lastError, @Nullable Instant nextAttempt, long issued,
		long failed, int failuresInARow) {

	/** Keeps an immutable copy of the domains. */
	public AcmeStatus {
		domains = List.copyOf(domains);
	}

}
