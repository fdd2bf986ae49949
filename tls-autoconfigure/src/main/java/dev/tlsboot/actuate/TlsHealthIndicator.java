package dev.tlsboot.actuate;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.acme.TlsAcme;
import dev.tlsboot.autoconfigure.reload.TlsReloads;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.acme.AcmeStatus;
import dev.tlsboot.core.option.TlsOption;

/**
 * The {@code tls} health indicator: {@link Status#DOWN} when a context's own certificate is expired or not yet
 * valid, since peers refuse it. The details list every context's chain with the days left ({@code contexts}), a
 * {@code warnings} entry for each certificate that expires within the warning threshold (the status stays
 * {@link Status#UP}, as with Spring Boot's {@code ssl} indicator), also for a CRL of {@code crlfile} past its
 * nextUpdate, an OCSP responder that has failed for longer than the responder threshold, and an ACME context serving
 * its placeholder or failing to renew, and, as information only, the trusted CAs that are expired or not yet valid
 * ({@code invalidTrustAnchors}).
 * <p>
 * Spring Boot's {@code ssl} indicator reports {@code OUT_OF_SERVICE} for an invalid bundle; this one reports
 * {@code DOWN}, because a TLS Boot context with an invalid certificate fails every handshake.
 */
public class TlsHealthIndicator extends AbstractHealthIndicator {

	private final TlsContexts contexts;

	private final Duration warningThreshold;

	private final @Nullable TlsReloads reloads;

	private final Duration responderThreshold;

	private final @Nullable TlsAcme acme;

	private final Clock clock;

	/**
	 * @param contexts the contexts to check
	 * @param warningThreshold how long before expiry a certificate is warned about
	 * @param reloads what rotation did, or {@code null} when it is off: a refused reload is warned about
	 * @param responderThreshold how long an OCSP responder may fail before it is warned about
	 * @param acme the ACME-managed context, or {@code null}: its placeholder and failing renewals are warned about
	 */
	public TlsHealthIndicator(TlsContexts contexts, Duration warningThreshold, @Nullable TlsReloads reloads,
			Duration responderThreshold, @Nullable TlsAcme acme) {
		this(contexts, warningThreshold, reloads, responderThreshold, acme, Clock.systemUTC());
	}

	/** With the clock the certificates are judged by: contexts never start with an invalid one, time makes it so. */
	TlsHealthIndicator(TlsContexts contexts, Duration warningThreshold, @Nullable TlsReloads reloads,
			Duration responderThreshold, @Nullable TlsAcme acme, Clock clock) {
		super("TLS health check failed");
		this.contexts = contexts;
		this.warningThreshold = warningThreshold;
		this.reloads = reloads;
		this.responderThreshold = responderThreshold;
		this.acme = acme;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Instant now = this.clock.instant();
		Map<String, List<CertificateSummary>> chains = new LinkedHashMap<>();
		Map<String, List<String>> invalidTrustAnchors = new LinkedHashMap<>();
		List<String> warnings = new ArrayList<>();
		boolean down = false;
		for (TlsContext context : this.contexts.asMap().values()) {
			List<CertificateSummary> chain = CertificateSummary.of(context.certificateChain(), now,
					this.warningThreshold);
			chains.put(context.name(), chain);
			for (CertificateSummary certificate : chain) {
				down |= !certificate.validity().valid();
				if (certificate.validity() != CertificateSummary.Validity.VALID) {
					warnings.add(warning(context, certificate));
				}
			}
			if (this.reloads != null) {
				this.reloads.status(context.name())
					.filter(TlsReloads.Status::refusedLast)
					.ifPresent((status) -> warnings.add("Context '" + context.name() + "': new material refused at "
							+ status.lastRefused() + " (" + status.lastRefusal()
							+ "); the previous certificate keeps serving."));
			}
			AcmeStatus acmeStatus = TlsAcme.statusOf(this.acme, context.name());
			if (acmeStatus != null) {
				acmeWarning(context, acmeStatus).ifPresent(warnings::add);
			}
			RevocationDescriptor revocation = RevocationDescriptor.of(context, now);
			if (revocation != null) {
				revocation.crls()
					.stream()
					.filter((crl) -> !crl.current())
					.forEach((crl) -> warnings.add("Context '" + context.name() + "': the CRL of '" + crl.issuer()
							+ "' in '" + TlsOption.CRLFILE + "' is past its nextUpdate (" + crl.nextUpdate()
							+ "), so it answers for no certificate; put the CA's current CRL there."));
				revocation.failingResponders()
					.entrySet()
					.stream()
					.filter((failing) -> failing.getValue().plus(this.responderThreshold).isBefore(now))
					.forEach((failing) -> warnings.add("Context '" + context.name() + "': OCSP responder "
							+ failing.getKey() + " has failed since " + failing.getValue() + " (longer than "
							+ this.responderThreshold + "); certificates it answers for are "
							+ ("hard".equals(revocation.mode()) ? "refused" : "let through unchecked")
							+ " until it answers."));
			}
			List<String> invalid = invalidSubjects(context.trustAnchors(), now);
			if (!invalid.isEmpty()) {
				invalidTrustAnchors.put(context.name(), invalid);
			}
		}
		builder.status(down ? Status.DOWN : Status.UP)
			.withDetail("warningThreshold", this.warningThreshold.toString())
			.withDetail("responderThreshold", this.responderThreshold.toString())
			.withDetail("warnings", warnings)
			.withDetail("contexts", chains);
		if (!invalidTrustAnchors.isEmpty()) {
			builder.withDetail("invalidTrustAnchors", invalidTrustAnchors);
		}
	}

	/** The placeholder still serving, or renewals failing: the certificate expires unless ACME succeeds in time. */
	private static Optional<String> acmeWarning(TlsContext context, AcmeStatus status) {
		String what = "Context '" + context.name() + "': ";
		if (status.failuresInARow() > 0) {
			return Optional.of(what + "ACME failed " + status.failuresInARow() + " time(s) in a row (" + status.lastError()
					+ "); " + (status.placeholder() ? "the placeholder" : "the current certificate")
					+ " keeps serving, next attempt at " + status.nextAttempt() + ".");
		}
		if (status.placeholder()) {
			return Optional.of(what + "serves a placeholder until ACME obtains the first certificate for "
					+ status.domains() + ".");
		}
		return Optional.empty();
	}

	private static String warning(TlsContext context, CertificateSummary certificate) {
		String what = "Context '" + context.name() + "': certificate '" + certificate.subject() + "' ";
		return switch (certificate.validity()) {
			case EXPIRED -> what + "expired on " + certificate.notAfter() + ".";
			case NOT_YET_VALID -> what + "is not valid before " + certificate.notBefore() + ".";
			default -> what + "expires on " + certificate.notAfter() + ", in " + certificate.daysLeft() + " days.";
		};
	}

	/** Subjects only: a system trust store has over a hundred CAs, and parsing them all for this would be waste. */
	private static List<String> invalidSubjects(List<X509Certificate> anchors, Instant now) {
		return anchors.stream()
			.filter((anchor) -> now.isBefore(anchor.getNotBefore().toInstant())
					|| now.isAfter(anchor.getNotAfter().toInstant()))
			.map((anchor) -> anchor.getSubjectX500Principal().getName())
			.toList();
	}

}
