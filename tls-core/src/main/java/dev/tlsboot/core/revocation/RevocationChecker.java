package dev.tlsboot.core.revocation;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import javax.security.auth.x500.X500Principal;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.observe.RefusedCertificateException;
import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.status.RevocationStatus;
import dev.tlsboot.core.status.RevocationStatus.State;

/**
 * Checks a validated peer chain for revocation, after the JDK's PKIX has accepted it: every source of the context is
 * asked about every certificate in scope, and the answers are judged together. "Revoked" from any source wins over
 * "good" from another and over every other source's silence; then, with {@code revocation: hard}, each certificate
 * needs a "good" from at least one source, while {@code soft} lets an unknown status pass and reports it (a
 * rate-limited warning).
 * <p>
 * The sources are judged here rather than by the JDK's {@code PKIXRevocationChecker}: its soft-fail lets a revoked
 * certificate through when one source is down, even when another (a CRL on disk) says it is revoked, and it stops at
 * the first source that answers.
 */
public final class RevocationChecker {

	private static final System.Logger logger = System.getLogger(RevocationChecker.class.getName());

	/** The source of the answers of responses a server stapled to its handshake. */
	static final String STAPLE = "staple";

	/**
	 * What the checker knows, swapped whole when the context reloads its material. {@code signedBy} remembers which
	 * anchor signed a certificate (empty: none of the anchors of its issuer's name): a signature check per handshake
	 * (PKIX has just made the same one) was most of what a warm revocation check cost. A certificate's encoding and
	 * the anchors fix the answer, and the map goes with the anchors on a reload.
	 */
	private record Known(Map<X500Principal, List<X509Certificate>> anchorsBySubject, List<RevocationSource> sources,
			BoundedMap<X509Certificate, Optional<X509Certificate>> signedBy) {
	}

	/** One certificate in scope, with its issuer and what each source said about it. */
	private record Checked(X509Certificate certificate, List<RevocationStatus> answers) {
	}

	private final RevocationSettings settings;

	/** The sources on the network, which keep their caches over reloads. */
	private final List<RevocationSource> network;

	private final RateLimitedLog unknownLog = new RateLimitedLog(logger);

	/**
	 * Answers by kind of source and state, for metrics: made whole at build, as a reload changes the CRLs, never the
	 * kinds of source, so that counting an answer on the handshake's path creates nothing.
	 */
	private final Map<String, Map<State, LongAdder>> answers;

	private final List<String> answerKinds;

	private volatile Known known;

	/** Whether a peer's certificate is "must-staple", remembered: read from its extensions once. */
	private final BoundedMap<X509Certificate, Boolean> mustStaple = new BoundedMap<>();

	/**
	 * @param settings the context's revocation options
	 * @param crls the CRLs loaded from {@code crlfile}, each signed by one of {@code anchors}
	 * @param anchors the context's trust anchors
	 */
	public RevocationChecker(RevocationSettings settings, List<X509CRL> crls, List<X509Certificate> anchors) {
		this.settings = settings;
		HttpFetch http = new HttpFetch(settings.timeout());
		List<RevocationSource> network = new ArrayList<>();
		if (settings.ocsp()) {
			network.add(new OcspSource(new OcspClient(settings.ocspResponder(), http), settings.timeout()));
		}
		if (settings.distributionPoints()) {
			network.add(new DistributionPointSource(http, settings.timeout()));
		}
		this.network = List.copyOf(network);
		this.known = known(crls, anchors);
		Map<String, Map<State, LongAdder>> answers = new HashMap<>();
		List<String> kinds = new ArrayList<>(sourceKinds());
		kinds.add(STAPLE);
		this.answerKinds = List.copyOf(kinds);
		for (String kind : kinds) {
			Map<State, LongAdder> byState = new EnumMap<>(State.class);
			for (State state : State.values()) {
				byState.put(state, new LongAdder());
			}
			answers.put(kind, byState);
		}
		this.answers = Map.copyOf(answers);
	}

	/**
	 * Check with the reloaded material from the next handshake on.
	 * @param crls the CRLs of {@code crlfile}
	 * @param anchors the trust anchors
	 */
	public void reload(List<X509CRL> crls, List<X509Certificate> anchors) {
		this.known = known(crls, anchors);
	}

	private Known known(List<X509CRL> crls, List<X509Certificate> anchors) {
		List<RevocationSource> sources = new ArrayList<>();
		if (this.settings.crlfile() != null) {
			sources.add(new CrlFileSource(this.settings.crlfile(), crls, anchors));
		}
		sources.addAll(this.network);
		return new Known(anchors.stream().collect(Collectors.groupingBy(X509Certificate::getSubjectX500Principal)),
				List.copyOf(sources), new BoundedMap<>());
	}

	/**
	 * How many answers of one state the sources of one kind gave, since the context was built.
	 * @param kind {@code crlfile}, {@code ocsp}, {@code crldp} or {@code staple}
	 * @param state the state answered
	 * @return the count
	 */
	public long answers(String kind, State state) {
		LongAdder count = this.answers.getOrDefault(kind, Map.of()).get(state);
		return (count != null) ? count.sum() : 0;
	}

	/** The kinds of source whose answers {@link #answers} counts: {@link #sourceKinds()} and {@code staple}. */
	public List<String> answerKinds() {
		return this.answerKinds;
	}

	/** What the OCSP responders said, as kept now: empty when {@code revocation-ocsp} is off. */
	public List<OcspCacheEntry> ocspCache() {
		return ocsp().map(OcspSource::cached).orElse(List.of());
	}

	/**
	 * The OCSP responders whose last answer was a failure (refused, silent, unusable), by URL, each with the moment
	 * it started failing; one that answers again leaves the map.
	 */
	public Map<String, Instant> failingResponders() {
		return ocsp().map(OcspSource::failingResponders).orElse(Map.of());
	}

	private Optional<OcspSource> ocsp() {
		return this.network.stream().filter(OcspSource.class::isInstance).map(OcspSource.class::cast).findFirst();
	}

	/** The kinds of source this checker asks: {@code crlfile}, {@code ocsp}, {@code crldp}. */
	public List<String> sourceKinds() {
		return this.known.sources().stream().map(RevocationSource::kind).toList();
	}

	private void count(String kind, State state) {
		this.answers.get(kind).get(state).increment();
	}

	/** The options this checker follows. */
	public RevocationSettings settings() {
		return this.settings;
	}

	/**
	 * Check a chain that PKIX has accepted.
	 * @param chain the peer's chain, its own certificate first
	 * @return what the sources said about the peer's own certificate
	 * @throws RefusedCertificateException {@link Cause#REVOKED} when a certificate in scope is revoked,
	 * {@link Cause#REVOCATION_UNKNOWN} when, with {@code hard}, one has no "good" answer
	 */
	public RevocationStatus check(X509Certificate[] chain) throws RefusedCertificateException {
		return check(chain, List.of());
	}

	/**
	 * Check a chain that PKIX has accepted, with the OCSP responses the server stapled to the handshake: a stapled
	 * response that counts (signed for the issuer, about the certificate, current) is the {@code staple} source's
	 * answer, and the OCSP responder is then not asked about that certificate. A "must-staple" certificate (the TLS
	 * feature status_request, RFC 7633) without a stapled response that counts is refused.
	 * @param chain the peer's chain, its own certificate first
	 * @param stapled the stapled responses by position in the chain, an empty one for a certificate without, as
	 * {@code ExtendedSSLSession.getStatusResponses()} gives them
	 * @return what the sources said about the peer's own certificate
	 * @throws RefusedCertificateException {@link Cause#REVOKED} when a certificate in scope is revoked,
	 * {@link Cause#REVOCATION_UNKNOWN} when, with {@code hard}, one has no "good" answer, or a must-staple
	 * certificate came without a staple
	 */
	public RevocationStatus check(X509Certificate[] chain, List<byte[]> stapled) throws RefusedCertificateException {
		Known current = this.known;
		List<Checked> checked = new ArrayList<>();
		List<X509Certificate[]> pairs = inScope(chain, current);
		for (int i = 0; i < pairs.size(); i++) {
			X509Certificate[] pair = pairs.get(i);
			List<RevocationStatus> answers = new ArrayList<>();
			Fetched<RevocationStatus> staple = stapled(pair, (i < stapled.size()) ? stapled.get(i) : null);
			if (staple != null) {
				RevocationStatus answer = staple.ok() ? staple.value()
						: RevocationStatus.unknown(STAPLE, staple.error());
				count(STAPLE, answer.state());
				answers.add(answer);
			}
			if (i == 0 && (staple == null || !staple.ok()) && isMustStaple(pair[0])) {
				throw withoutStaple(pair[0], staple);
			}
			for (RevocationSource source : current.sources()) {
				if (staple != null && staple.ok() && source instanceof OcspSource) {
					// The server already brought the responder's answer.
					continue;
				}
				RevocationStatus answer = source.status(pair[0], pair[1]);
				count(source.kind(), answer.state());
				answers.add(answer);
			}
			checked.add(new Checked(pair[0], answers));
		}
		for (Checked one : checked) {
			for (RevocationStatus answer : one.answers()) {
				if (answer.state() == State.REVOKED) {
					throw revoked(one.certificate(), answer);
				}
			}
		}
		RevocationStatus leaf = null;
		for (Checked one : checked) {
			RevocationStatus verdict = verdict(one);
			if (leaf == null) {
				leaf = verdict;
			}
		}
		return (leaf != null) ? leaf
				: new RevocationStatus(State.GOOD, "trust anchor: the peer's certificate is itself trusted", null, null,
						null, null);
	}

	/** What a stapled response says about {@code pair[0]}, or {@code null} when none was stapled for it. */
	private static @Nullable Fetched<RevocationStatus> stapled(X509Certificate[] pair, byte @Nullable [] response) {
		if (response == null || response.length == 0) {
			return null;
		}
		return OcspClient.judgeStapled(response, pair[0], pair[1], STAPLE).map(OcspClient.OcspResponse::status);
	}

	private boolean isMustStaple(X509Certificate certificate) {
		return this.mustStaple.remembered(certificate, OcspClient::isMustStaple);
	}

	private static RefusedCertificateException withoutStaple(X509Certificate certificate,
			@Nullable Fetched<RevocationStatus> staple) {
		String message = describe(certificate) + " must be presented with a stapled OCSP response (it is "
				+ "'must-staple': TLS feature status_request), but the server " + ((staple == null) ? "stapled none"
						: "stapled one that does not count: " + staple.error())
				+ ". The server must turn OCSP stapling on, or be given a certificate without the TLS feature.";
		return new RefusedCertificateException(Cause.REVOCATION_UNKNOWN, message, new CertPathValidatorException(
				message, null, null, -1, BasicReason.UNDETERMINED_REVOCATION_STATUS));
	}

	private RevocationStatus verdict(Checked one) throws RefusedCertificateException {
		for (RevocationStatus answer : one.answers()) {
			if (answer.state() == State.GOOD) {
				return answer;
			}
		}
		String tried = one.answers().isEmpty() ? "no source can tell (set '" + TlsOption.CRLFILE + "', or turn on '"
				+ TlsOption.REVOCATION_OCSP + "')"
				: one.answers().stream().map((answer) -> answer.source() + ": " + answer.detail())
					.collect(Collectors.joining("; "));
		String certificate = describe(one.certificate());
		if (this.settings.mode() == RevocationMode.HARD) {
			String message = "the revocation status of " + certificate + " is unknown, and '" + TlsOption.REVOCATION
					+ "' is hard: " + tried + ". Make a source current or reachable, or set '"
					+ TlsOption.REVOCATION + "' to soft to let such certificates pass.";
			throw new RefusedCertificateException(Cause.REVOCATION_UNKNOWN, message, new CertPathValidatorException(
					message, null, null, -1, BasicReason.UNDETERMINED_REVOCATION_STATUS));
		}
		this.unknownLog.warn(one.certificate().getIssuerX500Principal().getName() + "#"
				+ one.certificate().getSerialNumber(), () -> "Revocation status of " + certificate
						+ " unknown, accepted ('" + TlsOption.REVOCATION + "' is soft): " + tried);
		return new RevocationStatus(State.UNKNOWN,
				one.answers().stream().map(RevocationStatus::source).collect(Collectors.joining(", ")), null, null,
				null, tried);
	}

	/**
	 * The certificates to check, each with its issuer: from the peer's own certificate up to the last one below a
	 * trust anchor ({@code chain} scope), or the peer's own only.
	 */
	private List<X509Certificate[]> inScope(X509Certificate[] chain, Known current) {
		List<X509Certificate[]> pairs = new ArrayList<>();
		for (int i = 0; i < chain.length; i++) {
			X509Certificate certificate = chain[i];
			if (isAnchor(certificate, current)) {
				break;
			}
			X509Certificate anchor = anchorOf(certificate, current);
			X509Certificate issuer = (anchor != null) ? anchor : (i + 1 < chain.length) ? chain[i + 1] : null;
			if (issuer == null) {
				break;
			}
			pairs.add(new X509Certificate[] { certificate, issuer });
			if (anchor != null || this.settings.scope() == RevocationScope.LEAF) {
				break;
			}
		}
		return pairs;
	}

	private static boolean isAnchor(X509Certificate certificate, Known current) {
		return current.anchorsBySubject().getOrDefault(certificate.getSubjectX500Principal(), List.of())
			.contains(certificate);
	}

	/** The trust anchor that signed {@code certificate}, or {@code null} when an intermediate did. */
	private static @Nullable X509Certificate anchorOf(X509Certificate certificate, Known current) {
		List<X509Certificate> candidates = current.anchorsBySubject().get(certificate.getIssuerX500Principal());
		if (candidates == null) {
			return null;
		}
		return current.signedBy()
			.remembered(certificate, (key) -> Optional.ofNullable(verifiedAnchor(key, candidates)))
			.orElse(null);
	}

	private static @Nullable X509Certificate verifiedAnchor(X509Certificate certificate,
			List<X509Certificate> candidates) {
		for (X509Certificate anchor : candidates) {
			try {
				certificate.verify(anchor.getPublicKey());
				return anchor;
			}
			catch (GeneralSecurityException ex) {
				// another anchor of the same name
			}
		}
		return null;
	}

	private static RefusedCertificateException revoked(X509Certificate certificate, RevocationStatus answer) {
		String message = describe(certificate) + " is revoked: revoked on " + answer.revocationDate()
				+ " (reason " + answer.detail() + "), says " + answer.source() + " (as of " + answer.thisUpdate()
				+ "). The peer must replace it with a new certificate.";
		// BasicReason.REVOKED makes the JDK send the certificate_revoked alert.
		return new RefusedCertificateException(Cause.REVOKED, message,
				new CertPathValidatorException(message, null, null, -1, BasicReason.REVOKED));
	}

	private static String describe(X509Certificate certificate) {
		return "certificate '" + certificate.getSubjectX500Principal().getName() + "' (serial "
				+ certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT) + ")";
	}

}
