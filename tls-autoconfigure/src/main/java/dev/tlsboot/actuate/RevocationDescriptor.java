package dev.tlsboot.actuate;

import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.revocation.OcspCacheEntry;
import dev.tlsboot.core.revocation.RevocationChecker;
import dev.tlsboot.core.status.RevocationStatus;

/**
 * How one context checks revocation, as the {@code tls} endpoint shows it.
 *
 * @param mode {@code soft} or {@code hard}
 * @param scope {@code chain} or {@code leaf}
 * @param sources the kinds of source asked: {@code crlfile}, {@code ocsp}, {@code crldp}
 * @param crls the CRLs loaded from {@code crlfile}
 * @param answers how many answers of each outcome each kind of source gave, stapled responses ({@code staple})
 * included
 * @param ocsp what the OCSP responders said, as cached now: responder, certificate (issuer and serial), status with
 * thisUpdate/nextUpdate
 * @param failingResponders the OCSP responders whose last answer was a failure, each with the moment it started
 * failing
 */
public record RevocationDescriptor(String mode, String scope, List<String> sources, List<Crl> crls,
		Map<String, Map<String, Long>> answers, List<OcspCacheEntry> ocsp, Map<String, Instant> failingResponders) {

	/**
	 * One CRL of {@code crlfile}.
	 *
	 * @param issuer the CA that signed it
	 * @param thisUpdate when it was made
	 * @param nextUpdate when the CA publishes the next one, or {@code null}
	 * @param revoked how many certificates it lists
	 * @param current whether it is before its nextUpdate, so that it answers
	 */
	public record Crl(String issuer, Instant thisUpdate, @Nullable Instant nextUpdate, int revoked, boolean current) {
	}

	/**
	 * Describe a context's revocation check.
	 * @param context the context
	 * @param now the moment to judge the CRLs at
	 * @return the description, or {@code null} when the context does not check revocation
	 */
	static @Nullable RevocationDescriptor of(TlsContext context, Instant now) {
		// Empty, without making a context of the default options, when revocation is off
		RevocationChecker checker = context.revocation().orElse(null);
		if (checker == null) {
			return null;
		}
		Map<String, Map<String, Long>> answers = new LinkedHashMap<>();
		for (String source : checker.answerKinds()) {
			Map<String, Long> byOutcome = new LinkedHashMap<>();
			for (RevocationStatus.State outcome : RevocationStatus.State.values()) {
				byOutcome.put(lower(outcome), checker.answers(source, outcome));
			}
			answers.put(source, byOutcome);
		}
		List<Crl> crls = context.crls().stream().map((crl) -> crl(crl, now)).toList();
		return new RevocationDescriptor(lower(checker.settings().mode()), lower(checker.settings().scope()),
				checker.sourceKinds(), crls, answers, checker.ocspCache(), checker.failingResponders());
	}

	private static Crl crl(X509CRL crl, Instant now) {
		Instant nextUpdate = (crl.getNextUpdate() != null) ? crl.getNextUpdate().toInstant() : null;
		int revoked = (crl.getRevokedCertificates() != null) ? crl.getRevokedCertificates().size() : 0;
		return new Crl(crl.getIssuerX500Principal().getName(), crl.getThisUpdate().toInstant(), nextUpdate, revoked,
				nextUpdate == null || now.isBefore(nextUpdate));
	}

	private static String lower(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
