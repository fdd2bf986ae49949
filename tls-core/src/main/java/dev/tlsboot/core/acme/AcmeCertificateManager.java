package dev.tlsboot.core.acme;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.material.KeyMaterial;
import dev.tlsboot.pki.KeyType;

/**
 * Obtains and renews one context's certificate from an ACME CA, as CertMagic does for Caddy.
 * <p>
 * The context serves the files in {@code storage} ({@link AcmeSettings#certificateFile()} and
 * {@link AcmeSettings#keyFile()} as its {@code certfile} and {@code keyfile}); {@link #prepare} puts a placeholder
 * for the domains there when no usable certificate is stored, so the context can be built and serve at once. Once
 * {@linkplain #start() started}, the manager orders in the background when the stored certificate is a placeholder,
 * does not name the domains or reaches its renewal point (a third of its lifetime left, {@code renew-before}, or a
 * moment of the window the CA suggests through ACME Renewal Information), answers the challenge (http-01 from a
 * listener on the http port, which listens from start to close, redirects the rest to HTTPS and answers from
 * {@code storage}, so any instance sharing it answers any instance's challenge; tls-alpn-01 through the context's
 * own server sockets and engines, {@link TlsContext#acmeTlsChallenges()}), writes the result to {@code storage}
 * and has the context {@linkplain TlsContext#reload() reload} it, so the new certificate goes live through the path
 * file rotation takes, with its listeners and events. A renewal order names the certificate it replaces when the CA
 * offers renewal information. A timer runs to the renewal point; a failed attempt is tried again with backoff, and
 * the current certificate keeps serving. A stored certificate serves after a restart with no new order. Instances
 * sharing {@code storage} take a lock file before ordering, so one orders and the others take its result from the
 * files.
 */
public final class AcmeCertificateManager implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(AcmeCertificateManager.class.getName());

	/** How soon to look again while another instance holds the order lock. */
	private static final Duration LOCK_WAIT = Duration.ofSeconds(2);

	/** How long an http-01 connection may take from accept to answer. */
	private static final Duration HTTP_DEADLINE = Duration.ofSeconds(10);

	/** http-01 connections served at once: a CA makes a few per challenge, browsers one per redirect. */
	private static final int HTTP_CONNECTIONS = 32;

	private final AcmeSettings settings;

	private final TlsContext context;

	private final AcmeStorage storage;

	private final Clock clock;

	private final ScheduledExecutorService timer;

	private final List<Consumer<TlsContext>> swapListeners = new CopyOnWriteArrayList<>();

	/** The http-01 listener, from {@link #start} to {@link #close}. */
	private @Nullable HttpChallengeListener httpListener;

	private @Nullable ScheduledFuture<?> next;

	private volatile AcmeStatus status;

	/**
	 * @param settings what to order, from where
	 * @param context the context that serves the certificate, built with the storage files as its material
	 * @throws dev.tlsboot.core.option.TlsConfigurationException when the settings cannot work
	 */
	public AcmeCertificateManager(AcmeSettings settings, TlsContext context) {
		this(settings, context, Clock.systemUTC());
	}

	AcmeCertificateManager(AcmeSettings settings, TlsContext context, Clock clock) {
		settings.check();
		this.settings = settings;
		this.context = Objects.requireNonNull(context, "context");
		this.storage = new AcmeStorage(settings);
		this.clock = clock;
		this.timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "tls-acme-" + context.name());
			thread.setDaemon(true);
			return thread;
		});
		this.status = AcmeStatus.initial(settings);
		if (settings.challenge() == AcmeChallenge.TLS_ALPN_01) {
			// Before the server accepts its first connection: each must be able to negotiate acme-tls/1.
			context.acmeTlsChallenges().enable();
		}
	}

	/**
	 * Make sure {@code storage} holds a certificate the context can be built from: the stored one when it is valid
	 * now, else a placeholder for the domains, issued by {@code TLS Boot ACME placeholder}, until the first order.
	 * @param settings the settings
	 * @throws dev.tlsboot.core.option.TlsConfigurationException when the settings cannot work
	 */
	public static void prepare(AcmeSettings settings) {
		settings.check();
		new AcmeStorage(settings).ensureCertificate();
	}

	/**
	 * Check the stored certificate now, in the background, and order when it is due; with http-01, listen on the
	 * http port from now on, redirecting what is no challenge to HTTPS on port 443.
	 * @throws dev.tlsboot.core.option.TlsConfigurationException when the http port cannot be listened on
	 */
	public void start() {
		start(443);
	}

	/**
	 * Check the stored certificate now, in the background, and order when it is due; with http-01, listen on the
	 * http port from now on, redirecting what is no challenge to HTTPS on {@code httpsPort}.
	 * @param httpsPort the port the server serves HTTPS on, as the clients of the http port reach it
	 * @throws dev.tlsboot.core.option.TlsConfigurationException when the http port cannot be listened on
	 */
	public synchronized void start(int httpsPort) {
		if (this.settings.challenge() == AcmeChallenge.HTTP_01 && this.httpListener == null) {
			// Answers from storage, so that it answers the challenges of every instance sharing it.
			this.httpListener = new HttpChallengeListener(this.settings.httpAddress(), this.settings.httpPort(),
					this.storage::challenge, () -> httpsPort, HTTP_DEADLINE, HTTP_CONNECTIONS);
		}
		schedule(this.clock.instant());
	}

	/**
	 * Be told each time a new certificate goes live: one this manager obtained, or one another instance sharing
	 * {@code storage} did. The context's own {@link TlsContext#onReload reload listeners} are told too, but also of
	 * reloads that are not ACME's.
	 * @param listener called with the context, on the manager's thread
	 */
	public void onSwapped(Consumer<TlsContext> listener) {
		this.swapListeners.add(Objects.requireNonNull(listener, "listener"));
	}

	/** What was done and what comes next. */
	public AcmeStatus status() {
		return this.status;
	}

	/** The context whose certificate this manager keeps. */
	public TlsContext context() {
		return this.context;
	}

	private void check() {
		Instant now = this.clock.instant();
		try {
			Instant due = follow(this.storage.stored());
			if (due.isAfter(now)) {
				schedule(due);
				return;
			}
			try (AutoCloseable lock = this.storage.tryLock()) {
				if (lock == null) {
					logger.log(System.Logger.Level.DEBUG, () -> "Another instance orders for " + this.settings.domains()
							+ " in " + this.settings.storage() + "; looking again in " + LOCK_WAIT);
					schedule(now.plus(LOCK_WAIT));
					return;
				}
				// Another instance may have finished an order while this one waited for the lock.
				KeyMaterial stored = this.storage.stored();
				due = follow(stored);
				if (due.isAfter(now)) {
					schedule(due);
					return;
				}
				order(now, (stored != null && !AcmeStorage.isPlaceholder(stored.leaf())) ? stored.leaf() : null);
			}
		}
		catch (Exception ex) {
			failed(now, ex);
		}
	}

	/**
	 * Serve what {@code storage} holds, if it differs from what the context serves (another instance renewed), and
	 * say when it is due.
	 */
	private Instant follow(@Nullable KeyMaterial stored) {
		if (stored == null) {
			return Instant.MIN;
		}
		X509Certificate leaf = stored.leaf();
		X509Certificate served = this.context.keyMaterial().map(KeyMaterial::leaf).orElse(null);
		if (!leaf.equals(served) && !AcmeStorage.isPlaceholder(leaf)) {
			swap();
		}
		Instant renewal = AcmeStorage.isPlaceholder(leaf) || !namesEveryDomain(leaf) ? Instant.MIN
				: renewalPoint(leaf);
		this.status = this.status.serving(leaf, renewal);
		return renewal;
	}

	/**
	 * When to renew {@code leaf}: in the window the CA suggests (ARI) when it offers one, else from its dates. The
	 * CA unreachable, its dates decide: renewal must not wait for the CA to answer a question about renewal.
	 */
	private Instant renewalPoint(X509Certificate leaf) {
		try {
			Optional<Instant> suggested = AcmeOrder.suggestedRenewal(this.settings, this.storage, leaf);
			if (suggested.isPresent()) {
				return suggested.get();
			}
		}
		catch (AcmeException | RuntimeException ex) {
			logger.log(System.Logger.Level.DEBUG, () -> "No renewal information from " + this.settings.directory()
					+ ": " + ex.getMessage());
		}
		return RenewalPlan.renewalPoint(leaf, this.settings.renewBefore());
	}

	private boolean namesEveryDomain(X509Certificate leaf) {
		try {
			var names = leaf.getSubjectAlternativeNames();
			return names != null && this.settings.domains().stream()
				.allMatch((domain) -> names.stream().anyMatch((name) -> domain.equalsIgnoreCase(String.valueOf(name.get(1)))));
		}
		catch (java.security.cert.CertificateParsingException ex) {
			return false;
		}
	}

	private void order(Instant started, @Nullable X509Certificate replacing) throws Exception {
		logger.log(System.Logger.Level.INFO, () -> "Ordering a certificate for " + this.settings.domains() + " from "
				+ this.settings.directory() + " (" + this.settings.challenge() + ")");
		AcmeOrder.Result result = new AcmeOrder(this.settings, this.storage, new AcmeOrder.Responder() {

			@Override
			public void publish(Challenge challenge, String domain) {
				answer(challenge, domain, true);
			}

			@Override
			public void withdraw(Challenge challenge, String domain) {
				answer(challenge, domain, false);
			}

		}).place(replacing);
		this.storage.write(result.chain(), result.key());
		swap();
		X509Certificate leaf = result.chain().get(0);
		Instant renewal = renewalPoint(leaf);
		this.status = this.status.issued(started, result.account()).serving(leaf, renewal);
		logger.log(System.Logger.Level.INFO, () -> "Obtained a certificate for " + this.settings.domains()
				+ " valid until " + leaf.getNotAfter().toInstant() + " in " + Duration.between(started,
						this.clock.instant()).toMillis() + " ms; renewal at " + renewal);
		schedule(renewal);
	}

	private void swap() {
		this.context.reload();
		this.swapListeners.forEach((listener) -> listener.accept(this.context));
	}

	private void answer(Challenge challenge, String domain, boolean publish) {
		if (challenge instanceof Http01Challenge http) {
			if (publish) {
				this.storage.publishChallenge(http.getToken(), http.getAuthorization());
			}
			else {
				this.storage.withdrawChallenge(http.getToken());
			}
		}
		else if (challenge instanceof TlsAlpn01Challenge alpn) {
			if (publish) {
				// acme4j signs the challenge certificate with SHA256withRSA whatever the key.
				KeyPair key = KeyType.RSA_2048.generate();
				X509Certificate certificate = alpn.createCertificate(key, Identifier.dns(domain));
				this.context.acmeTlsChallenges().put(domain, new KeyMaterial(key.getPrivate(), List.of(certificate)));
			}
			else {
				this.context.acmeTlsChallenges().remove(domain);
			}
		}
	}

	private void failed(Instant started, Exception ex) {
		int inARow = this.status.failuresInARow() + 1;
		Instant retryAfter = (ex instanceof AcmeRateLimitedException limited) ? limited.getRetryAfter().orElse(null)
				: null;
		Instant retry = this.clock.instant()
			.plus(RenewalPlan.retryDelay(inARow, this.settings.retryMax(), retryAfter, this.clock.instant()));
		String reason = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
		this.status = this.status.failed(started, reason);
		logger.log(System.Logger.Level.WARNING, () -> "Could not obtain a certificate for " + this.settings.domains()
				+ " from " + this.settings.directory() + " (attempt " + inARow + "): " + reason
				+ "; the current certificate keeps serving, next attempt at " + retry, ex);
		schedule(retry);
		if (ex instanceof InterruptedException) {
			Thread.currentThread().interrupt();
		}
	}

	private synchronized void schedule(Instant at) {
		if (this.timer.isShutdown()) {
			return;
		}
		Instant now = this.clock.instant();
		Instant when = at.isBefore(now) ? now : at;
		this.status = this.status.scheduled(when);
		if (this.next != null) {
			this.next.cancel(false);
		}
		this.next = this.timer.schedule(this::check, Duration.between(now, when).toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Stop the timer, interrupting an order under way, and the http-01 listener. */
	@Override
	public void close() {
		synchronized (this) {
			if (this.httpListener != null) {
				this.httpListener.close();
			}
			this.timer.shutdownNow();
		}
		// Outside the lock: an order ending now schedules its next attempt under it (and finds the timer shut down)
		try {
			this.timer.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
