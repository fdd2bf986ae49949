package dev.tlsboot.core.acme;

import java.net.URI;
import java.net.URL;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;

/**
 * One order, RFC 8555 section 7 from account to certificate: the account (registered again when the CA no longer
 * knows it: a new-account request with a known key returns the existing account), the order, a challenge per
 * authorization still pending, the CSR with a new key, the chain. acme4j retries {@code badNonce} answers itself and
 * honours {@code Retry-After} while polling.
 */
final class AcmeOrder {

	/** How long the CA may take for one challenge, the order to become ready, the certificate to be issued. */
	private static final Duration WAIT = Duration.ofMinutes(2);

	/** The certificate obtained, with its key and the account that ordered it. */
	record Result(List<X509Certificate> chain, KeyPair key, String account) {
	}

	/** Answers a challenge while the CA validates it. */
	interface Responder {

		void publish(Challenge challenge, String domain);

		void withdraw(Challenge challenge, String domain);

	}

	private final AcmeSettings settings;

	private final AcmeStorage storage;

	private final Responder responder;

	AcmeOrder(AcmeSettings settings, AcmeStorage storage, Responder responder) {
		this.settings = settings;
		this.storage = storage;
		this.responder = responder;
	}

	/**
	 * @param replacing the certificate the new one replaces (a renewal), or {@code null} for a first one
	 */
	Result place(@Nullable X509Certificate replacing) throws AcmeException, InterruptedException {
		Session session = session(this.settings);
		Login login = login(session);
		Order order = create(login, session, replacing);
		for (Authorization authorization : order.getAuthorizations()) {
			if (authorization.getStatus() != Status.VALID) {
				authorize(authorization);
			}
		}
		order.waitUntilReady(WAIT);
		KeyPair key = this.settings.keyType().generate();
		order.execute(key);
		Status status = order.waitForCompletion(WAIT);
		if (status != Status.VALID) {
			throw new AcmeException("Order " + order.getLocation() + " ended " + status
					+ order.getError().map((problem) -> ": " + problem).orElse(""));
		}
		return new Result(order.getCertificate().getCertificateChain(), key, login.getAccountLocation().toString());
	}

	/**
	 * The order, saying which certificate it replaces when the CA offers renewal information (RFC 9773 section 5:
	 * the CA may then relax its rate limits and treat the old certificate as renewed); ordered again without when the
	 * CA answers that another order replaced it already.
	 */
	private Order create(Login login, Session session, @Nullable X509Certificate replacing) throws AcmeException {
		if (replacing == null || session.resourceUrlOptional(Resource.RENEWAL_INFO).isEmpty()) {
			return newOrder(login).create();
		}
		try {
			return newOrder(login).replaces(replacing).create();
		}
		catch (AcmeServerException ex) {
			if (ex.getType() == null || !ex.getType().toString().endsWith(":alreadyReplaced")) {
				throw ex;
			}
			return newOrder(login).create();
		}
	}

	private OrderBuilder newOrder(Login login) {
		return login.getAccount().newOrder().domains(this.settings.domains());
	}

	/**
	 * When the CA suggests renewing {@code leaf} (RFC 9773, ACME Renewal Information): a random moment of its
	 * suggested window, so that instances do not renew together; its start, which is due, once the window is open.
	 * Empty when the CA's directory offers no {@code renewalInfo}.
	 */
	static Optional<Instant> suggestedRenewal(AcmeSettings settings, AcmeStorage storage, X509Certificate leaf)
			throws AcmeException {
		Session session = session(settings);
		Optional<URL> resource = session.resourceUrlOptional(Resource.RENEWAL_INFO);
		if (resource.isEmpty()) {
			return Optional.empty();
		}
		// Renewal information is read without an account: the login only carries the session.
		RenewalInfo info = session.login(resource.get(), storage.accountKey()).bindRenewalInfo(leaf);
		Instant start = info.getSuggestedWindowStart();
		Instant end = info.getSuggestedWindowEnd();
		if (!start.isAfter(Instant.now())) {
			return Optional.of(start);
		}
		long window = Math.max(Duration.between(start, end).toMillis(), 0);
		return Optional.of(start.plusMillis(ThreadLocalRandom.current().nextLong(window + 1)));
	}

	private static Session session(AcmeSettings settings) {
		URI directory = URI.create(settings.directory());
		boolean plainUrl = "https".equals(directory.getScheme()) || "http".equals(directory.getScheme());
		return (plainUrl && settings.client() != null)
				? new Session(directory, new ContextAcmeProvider(settings.client().sslContext()))
				: new Session(directory);
	}

	private Login login(Session session) throws AcmeException {
		AccountBuilder account = new AccountBuilder().agreeToTermsOfService().useKeyPair(this.storage.accountKey());
		if (this.settings.email() != null) {
			account.addEmail(this.settings.email());
		}
		if (this.settings.eabKid() != null && this.settings.eabHmacKey() != null) {
			account.withKeyIdentifier(this.settings.eabKid(), this.settings.eabHmacKey());
		}
		return account.createLogin(session);
	}

	private void authorize(Authorization authorization) throws AcmeException, InterruptedException {
		String domain = authorization.getIdentifier().getDomain();
		String type = this.settings.challenge().type();
		Challenge challenge = authorization.findChallenge(type)
			.orElseThrow(() -> new AcmeException("The CA offers no " + type + " challenge for " + domain));
		this.responder.publish(challenge, domain);
		try {
			challenge.trigger();
			Status status = challenge.waitForCompletion(WAIT);
			if (status != Status.VALID) {
				throw new AcmeException("The " + type + " challenge for " + domain + " ended " + status
						+ challenge.getError().map((problem) -> ": " + problem).orElse(""));
			}
		}
		finally {
			this.responder.withdraw(challenge, domain);
		}
	}

}
