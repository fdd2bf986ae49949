package dev.tlsboot.core.acme;

import java.security.cert.X509Certificate;
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

	/** Before anything was checked or ordered. */
	static AcmeStatus initial(AcmeSettings settings) {
		return new AcmeStatus(settings.directory(), null, settings.domains(), settings.challenge().type(), true, null,
				null, null, null, null, null, 0, 0, 0);
	}

	/**
	 * Serving {@code leaf}, due for renewal at {@code renewal}; no renewal point is shown for the placeholder, nor
	 * for a certificate due at once ({@link Instant#MIN}: it does not name every domain).
	 */
	AcmeStatus serving(X509Certificate leaf, Instant renewal) {
		boolean isPlaceholder = AcmeStorage.isPlaceholder(leaf);
		return new AcmeStatus(this.directory, this.account, this.domains, this.challenge, isPlaceholder,
				leaf.getNotAfter().toInstant(), (isPlaceholder || renewal.equals(Instant.MIN)) ? null : renewal,
				this.lastOrder, this.lastOutcome,
				this.lastError, this.nextAttempt, this.issued, this.failed, this.failuresInARow);
	}

	/** An order started at {@code started} by {@code byAccount} succeeded. */
	AcmeStatus issued(Instant started, String byAccount) {
		return new AcmeStatus(this.directory, byAccount, this.domains, this.challenge, this.placeholder, this.notAfter,
				this.renewalPoint, started, "issued", null, this.nextAttempt, this.issued + 1, this.failed, 0);
	}

	/** An attempt started at {@code started} failed for {@code reason}. */
	AcmeStatus failed(Instant started, String reason) {
		return new AcmeStatus(this.directory, this.account, this.domains, this.challenge, this.placeholder,
				this.notAfter, this.renewalPoint, started, "failed", reason, this.nextAttempt, this.issued,
				this.failed + 1, this.failuresInARow + 1);
	}

	/** The next check or attempt is at {@code next}. */
	AcmeStatus scheduled(Instant next) {
		return new AcmeStatus(this.directory, this.account, this.domains, this.challenge, this.placeholder,
				this.notAfter, this.renewalPoint, this.lastOrder, this.lastOutcome, this.lastError, next, this.issued,
				this.failed, this.failuresInARow);
	}

}
