package dev.tlsboot.core.revocation;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The revocation options of one context, as the {@link RevocationChecker} takes them.
 *
 * @param mode {@code revocation}: {@code soft} or {@code hard} (a context with {@code off} has no checker)
 * @param scope {@code revocation-scope}
 * @param crlfile {@code crlfile} as given, or {@code null}
 * @param ocsp {@code revocation-ocsp}: whether OCSP responders are asked
 * @param ocspResponder {@code ocsp-responder}: the responder to ask instead of the certificate's, or {@code null}
 * @param distributionPoints {@code revocation-crldp}: whether the CRLs at certificates' distribution points are
 * fetched
 * @param timeout {@code revocation-timeout}: how long one fetch may take
 */
public record RevocationSettings(RevocationMode mode, RevocationScope scope, @Nullable String crlfile, boolean ocsp,
		@Nullable URI ocspResponder, boolean distributionPoints, Duration timeout) {

	/** Checks that the settings describe a check. */
	public RevocationSettings {
		if (mode == RevocationMode.OFF) {
			throw new IllegalArgumentException("A revocation checker checks: 'revocation' must be soft or hard");
		}
	}

}
