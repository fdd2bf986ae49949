package dev.tlsboot.core.revocation;

import java.lang.ref.WeakReference;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.internal.Issuers;
import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.status.RevocationStatus;

/**
 * The OCSP response a server staples to its handshakes ({@code ocsp-stapling}), about its own certificate: fetched
 * by TLS Boot from the responder the certificate names (or {@code ocsp-responder}), checked like every OCSP answer,
 * and refreshed in the background once three quarters of its life have passed, well before its nextUpdate, so that no
 * handshake ever waits on the responder. A handshake that finds no current response (the responder is down and the
 * last one expired) goes without a staple, as OpenSSL's servers do.
 * <p>
 * For TLS implementations that take the response per connection: Netty's OpenSSL
 * ({@code ReferenceCountedOpenSslEngine.setOcspResponse}). The JDK's TLS fetches its own.
 */
public final class OcspStapling {

	private static final System.Logger logger = System.getLogger(OcspStapling.class.getName());

	/**
	 * How often the response is looked at: the cache refreshes it when due, so a server with no handshakes for hours
	 * still has a current one. Looking costs a map lookup.
	 */
	static final Duration TICK = Duration.ofMinutes(1);

	/**
	 * Where the refreshes run: a thread of their own, as a refresh may wait up to {@code revocation-timeout} for a
	 * responder, which on the common pool (one thread on two cores) would hold up whatever else runs there.
	 */
	private static final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "tls-ocsp-stapling");
		thread.setDaemon(true);
		return thread;
	});

	/** The response for one certificate, or why there is none. */
	private record Stapled(X509Certificate certificate, @Nullable URI responder,
			Fetched<OcspClient.OcspResponse> fetched) {
	}

	private final String context;

	private final Supplier<List<X509Certificate>> chain;

	private final Supplier<List<X509Certificate>> anchors;

	private final OcspClient client;

	private final FetchCache<OcspClient.Key, OcspClient.OcspResponse> cache;

	private final RateLimitedLog failures = new RateLimitedLog(logger);

	private volatile @Nullable Stapled current;

	private OcspStapling(String context, Supplier<List<X509Certificate>> chain,
			Supplier<List<X509Certificate>> anchors, @Nullable URI responder, Duration timeout) {
		this.context = context;
		this.chain = chain;
		this.anchors = anchors;
		this.client = new OcspClient(responder, new HttpFetch(timeout));
		this.cache = new FetchCache<>(timeout);
	}

	/**
	 * Fetch the response now (waiting at most {@code timeout}) and keep it current from then on, for as long as the
	 * stapling is referenced.
	 * @param context the context's name, for the log
	 * @param chain the chain the server serves now, its own certificate first
	 * @param anchors the context's trust anchors, where the issuer is found when the chain holds only the certificate
	 * @param responder {@code ocsp-responder}, or {@code null} for the responder the certificate names
	 * @param timeout {@code revocation-timeout}
	 * @return the stapling
	 */
	public static OcspStapling start(String context, Supplier<List<X509Certificate>> chain,
			Supplier<List<X509Certificate>> anchors, @Nullable URI responder, Duration timeout) {
		OcspStapling stapling = new OcspStapling(context, chain, anchors, responder, timeout);
		stapling.refresh();
		schedule(new WeakReference<>(stapling));
		return stapling;
	}

	/** The next look, holding the stapling weakly: a context dropped stops its refreshes. */
	private static void schedule(WeakReference<OcspStapling> reference) {
		refresher.schedule(() -> {
			OcspStapling stapling = reference.get();
			if (stapling != null) {
				stapling.refresh();
				schedule(reference);
			}
		}, TICK.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Look at the response soon, off the caller's thread: when the context has reloaded a new certificate. */
	public void refreshSoon() {
		refresher.execute(this::refresh);
	}

	/**
	 * Look at the response for the certificate served now: fetch it when there is none or a refresh is due. Called
	 * at the start, by the schedule and when the context reloads a new certificate; waits at most
	 * {@code revocation-timeout}, and only when nothing is cached for the certificate.
	 */
	private void refresh() {
		List<X509Certificate> served = this.chain.get();
		if (served.isEmpty()) {
			this.current = null;
			return;
		}
		X509Certificate certificate = served.get(0);
		List<X509Certificate> candidates = new ArrayList<>(served.subList(1, served.size()));
		candidates.addAll(this.anchors.get());
		X509Certificate issuer = Issuers.issuerOf(certificate, candidates);
		URI url = this.client.responderFor(certificate);
		Fetched<OcspClient.OcspResponse> fetched;
		if (issuer == null) {
			fetched = Fetched.failed("the issuer of '" + certificate.getSubjectX500Principal().getName()
					+ "' is neither in its chain nor among the trust anchors, so no OCSP request can be made "
					+ "(add it to 'certfile' or 'cafile')", Instant.now());
		}
		else if (url == null) {
			fetched = Fetched.failed(OcspClient.NO_RESPONDER, Instant.now());
		}
		else {
			fetched = this.cache.get(OcspClient.Key.of(certificate, url),
					() -> this.client.fetch(url, certificate, issuer), OcspClient.name(url));
		}
		this.current = new Stapled(certificate, url, fetched);
		if (!fetched.ok()) {
			this.failures.warn(certificate.getSerialNumber().toString(),
					() -> "'" + TlsOption.OCSP_STAPLING + "' of context '" + this.context + "' (" + describe(url)
							+ "): " + fetched.error() + "; handshakes go without a staple meanwhile");
		}
	}

	/**
	 * The response to staple to a handshake now.
	 * @return the DER {@code OCSPResponse} about the certificate served now, or {@code null} when there is no
	 * current one
	 */
	public byte @Nullable [] response() {
		Stapled stapled = this.current;
		if (stapled == null || !stapled.fetched().ok() || !Instant.now().isBefore(stapled.fetched().expires())) {
			return null;
		}
		List<X509Certificate> served = this.chain.get();
		// Between a reload and the refresh it triggers, the response is about the previous certificate.
		if (served.isEmpty() || !served.get(0).equals(stapled.certificate())) {
			return null;
		}
		return stapled.fetched().value().encoded();
	}

	/**
	 * What the response stapled now says, for observation: its status, source and thisUpdate/nextUpdate, or
	 * {@code UNKNOWN} with the reason there is none.
	 */
	public RevocationStatus status() {
		Stapled stapled = this.current;
		if (stapled == null) {
			return RevocationStatus.unknown("OCSP stapling", "the context serves no certificate");
		}
		Fetched<OcspClient.OcspResponse> fetched = stapled.fetched();
		return fetched.ok() ? fetched.value().status()
				: RevocationStatus.unknown(describe(stapled.responder()), fetched.error());
	}

	private static String describe(@Nullable URI url) {
		return (url != null) ? OcspClient.name(url) : "OCSP";
	}

}
