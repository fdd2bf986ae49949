package dev.tlsboot.core.acme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.pki.KeyType;
import dev.tlsboot.testing.HandshakeLoop;
import dev.tlsboot.testing.OpenSslCli;
import dev.tlsboot.testing.Pebble;
import dev.tlsboot.testing.PebbleServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link AcmeCertificateManager} against Debian's Pebble, which really validates the http-01 challenge on the port
 * the manager listens on, and issues certificates valid for {@link #VALIDITY}, so that a renewal happens in the test.
 */
class AcmeCertificateManagerTests {

	private static final Duration VALIDITY = Duration.ofSeconds(30);

	private static final String DOMAIN = "app.tls-boot.example.com";

	@RegisterExtension
	static final PebbleServer pebbleServer = new PebbleServer(VALIDITY);

	private static Pebble pebble;

	@BeforeAll
	static void pebble() {
		pebble = pebbleServer.pebble();
	}

	@Test
	void obtainsTheFirstCertificateOverHttp01AndRenewsItWithNoFailedHandshake(@TempDir Path storage)
			throws Exception {
		AcmeSettings settings = settings(storage, null);
		AcmeCertificateManager.prepare(settings);
		TlsContext served = servedContext(settings);
		assertThat(AcmeStorage.isPlaceholder(served.certificateChain().get(0))).isTrue();
		try (TlsServer server = new TlsServer(served, pebble.tlsPort());
				AcmeCertificateManager manager = new AcmeCertificateManager(settings, served)) {
			long started = System.nanoTime();
			manager.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> manager.status().issued() == 1);
			System.out.printf("ACME: first certificate after %d ms%n", (System.nanoTime() - started) / 1_000_000);
			assertThat(manager.status().placeholder()).isFalse();
			assertThat(manager.status().account()).startsWith(pebble.directoryUrl().replace("/dir", ""));
			Path root = pebble.writeRoot();
			String sClient = OpenSslCli.opensslWithInput("", "s_client", "-connect", "127.0.0.1:" + server.port(),
					"-servername", DOMAIN, "-CAfile", root.toString(), "-verify_return_error", "-verify_hostname",
					DOMAIN).output();
			assertThat(sClient).contains("Verify return code: 0 (ok)");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings.keyFile())))
				.isEqualTo("rw-------");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(storage.resolve("account.key"))))
				.isEqualTo("rw-------");

			X509Certificate first = served.certificateChain().get(0);
			HandshakeLoop client = new HandshakeLoop(server.port());
			long renewalWait = System.nanoTime();
			try (client) {
				await().atMost(VALIDITY).until(() -> manager.status().issued() == 2);
			}
			System.out.printf("ACME: renewed after %d ms more, %d handshakes meanwhile%n",
					(System.nanoTime() - renewalWait) / 1_000_000, client.handshakes());
			assertThat(client.failure()).isNull();
			assertThat(client.handshakes()).isPositive();
			X509Certificate renewed = served.certificateChain().get(0);
			assertThat(renewed.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
			// A third of the lifetime was left: renewed after about two thirds of it.
			assertThat(Duration.between(first.getNotBefore().toInstant(), renewed.getNotBefore().toInstant()))
				.isBetween(VALIDITY.multipliedBy(2).dividedBy(3).minusSeconds(2), VALIDITY);
		}
	}

	@Test
	void obtainsTheFirstCertificateOverTlsAlpn01ThroughTheServersOwnPort(@TempDir Path storage) throws Exception {
		AcmeSettings settings = new AcmeSettings(pebble.directoryUrl(), List.of(DOMAIN), null, true,
				AcmeChallenge.TLS_ALPN_01, null, 0, storage, KeyType.EC_P256, null, Duration.ofSeconds(4), null, null,
				pebble.clientContext());
		AcmeCertificateManager.prepare(settings);
		TlsContext served = servedContext(settings);
		try (AcmeCertificateManager manager = new AcmeCertificateManager(settings, served);
				TlsServer server = new TlsServer(served, pebble.tlsPort())) {
			long started = System.nanoTime();
			manager.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> manager.status().issued() == 1);
			System.out.printf("ACME: first certificate over tls-alpn-01 after %d ms%n",
					(System.nanoTime() - started) / 1_000_000);
			// Pebble validated from three connections (its default), each offering only acme-tls/1.
			assertThat(pebble.log()).contains("Starting 3 validations");
			// Now that no challenge is pending, a client offering acme-tls/1 gets the certificate, not a challenge.
			String sClient = OpenSslCli.opensslWithInput("", "s_client", "-connect", "127.0.0.1:" + server.port(),
					"-servername", DOMAIN, "-alpn", "acme-tls/1").output();
			assertThat(sClient).contains("No ALPN negotiated").contains("issuer=CN = Pebble Intermediate");
		}
	}

	@Test
	void renewsInTheWindowTheCaSuggestsWhenItOffersRenewalInformation(@TempDir Path storage) throws Exception {
		try (RenewalInfoDirectory ari = new RenewalInfoDirectory(pebble, Duration.ofSeconds(2))) {
			AcmeSettings settings = new AcmeSettings(ari.url(), List.of(DOMAIN), null, true, AcmeChallenge.HTTP_01,
					"127.0.0.1", pebble.httpPort(), storage, KeyType.EC_P256, null, Duration.ofSeconds(4), null, null,
					pebble.clientContext());
			AcmeCertificateManager.prepare(settings);
			try (AcmeCertificateManager manager = new AcmeCertificateManager(settings, servedContext(settings))) {
				manager.start();
				await().atMost(Duration.ofSeconds(30)).until(() -> manager.status().issued() == 1);
				AcmeStatus first = manager.status();
				// The certificate's dates alone would say 20 s after issuance; the CA's window opens in 2 s.
				assertThat(first.renewalPoint()).isBefore(first.notAfter().minusSeconds(15));
				await().atMost(Duration.ofSeconds(15)).until(() -> manager.status().issued() == 2);
				assertThat(ari.questions()).isGreaterThanOrEqualTo(2);
			}
		}
	}

	@Test
	void aRestartServesTheStoredCertificateWithNoNewOrder(@TempDir Path storage) throws Exception {
		AcmeSettings settings = settings(storage, Duration.ofSeconds(5));
		AcmeCertificateManager.prepare(settings);
		TlsContext first = servedContext(settings);
		try (AcmeCertificateManager manager = new AcmeCertificateManager(settings, first)) {
			manager.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> manager.status().issued() == 1);
		}
		X509Certificate stored = first.certificateChain().get(0);

		AcmeCertificateManager.prepare(settings);
		TlsContext restarted = servedContext(settings);
		assertThat(restarted.certificateChain().get(0)).isEqualTo(stored);
		try (AcmeCertificateManager manager = new AcmeCertificateManager(settings, restarted)) {
			manager.start();
			await().atMost(Duration.ofSeconds(5)).until(() -> manager.status().renewalPoint() != null);
			Thread.sleep(1000);
			assertThat(manager.status().issued()).isZero();
			assertThat(manager.status().lastOrder()).isNull();
			assertThat(manager.status().nextAttempt()).isEqualTo(manager.status().renewalPoint())
				.isEqualTo(stored.getNotAfter().toInstant().minusSeconds(5));
		}
	}

	@Test
	void withPebbleDownAtStartTheServerServesThePlaceholderAndRetriesUntilItIsUp(@TempDir Path storage)
			throws Exception {
		AcmeSettings settings = settings(storage, null);
		AcmeCertificateManager.prepare(settings);
		TlsContext served = servedContext(settings);
		pebble.stopPebble();
		try (AcmeCertificateManager manager = new AcmeCertificateManager(settings, served)) {
			manager.start();
			await().atMost(Duration.ofSeconds(20)).until(() -> manager.status().failed() >= 2);
			assertThat(manager.status().lastOutcome()).isEqualTo("failed");
			assertThat(manager.status().placeholder()).isTrue();
			assertThat(AcmeStorage.isPlaceholder(served.certificateChain().get(0))).isTrue();
			pebble.startPebble();
			await().atMost(Duration.ofSeconds(60)).until(() -> manager.status().issued() == 1);
			assertThat(manager.status().failuresInARow()).isZero();
			assertThat(AcmeStorage.isPlaceholder(served.certificateChain().get(0))).isFalse();
		}
		finally {
			pebble.startPebbleIfStopped();
		}
	}

	@Test
	void registersTheAccountAgainWhenTheCaForgotIt(@TempDir Path storage) throws Exception {
		// Renewed 5 s after issuance, by then from a Pebble started again, which knows no account.
		AcmeSettings settings = settings(storage, VALIDITY.minusSeconds(5));
		AcmeCertificateManager.prepare(settings);
		try (AcmeCertificateManager manager = new AcmeCertificateManager(settings, servedContext(settings))) {
			manager.start();
			await().atMost(Duration.ofSeconds(30)).until(() -> manager.status().issued() == 1);
			String account = manager.status().account();
			pebble.stopPebble();
			pebble.startPebble();
			await().atMost(Duration.ofSeconds(30)).until(() -> manager.status().issued() == 2);
			assertThat(manager.status().account()).isNotNull().isNotEqualTo(account);
		}
		finally {
			pebble.startPebbleIfStopped();
		}
	}

	@Test
	void twoInstancesSharingStoragePlaceOneOrderAndEitherAnswersTheChallenge(@TempDir Path storage)
			throws Exception {
		AcmeSettings settings = settings(storage, null);
		// The second listens where Pebble does not look: it orders, and the first answers its challenge from storage,
		// as the instance a load balancer sends the CA to.
		AcmeSettings elsewhere = new AcmeSettings(settings.directory(), settings.domains(), settings.email(), true,
				AcmeChallenge.HTTP_01, "127.0.0.1", OpenSslCli.freePort(), storage, settings.keyType(), null,
				settings.retryMax(), null, null, settings.client());
		AcmeCertificateManager.prepare(settings);
		TlsContext one = servedContext(settings);
		TlsContext two = servedContext(settings);
		try (AcmeCertificateManager first = new AcmeCertificateManager(settings, one);
				AcmeCertificateManager second = new AcmeCertificateManager(elsewhere, two)) {
			// The first finds the lock taken and looks again later; meanwhile the second takes it.
			try (AutoCloseable lock = new AcmeStorage(settings).tryLock()) {
				first.start();
				await().atMost(Duration.ofSeconds(5)).until(() -> first.status().nextAttempt() != null
						&& first.status().nextAttempt().isAfter(java.time.Instant.now().plusMillis(500)));
			}
			second.start();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> !AcmeStorage.isPlaceholder(one.certificateChain().get(0))
						&& !AcmeStorage.isPlaceholder(two.certificateChain().get(0)));
			assertThat(second.status().issued()).isEqualTo(1);
			assertThat(first.status().issued()).isZero();
			assertThat(one.certificateChain().get(0)).isEqualTo(two.certificateChain().get(0));
			try (var answered = Files.list(storage.resolve("challenges"))) {
				assertThat(answered).isEmpty();
			}
		}
	}

	private static AcmeSettings settings(Path storage, Duration renewBefore) {
		return new AcmeSettings(pebble.directoryUrl(), List.of(DOMAIN), "ops@tls-boot.example.com", true,
				AcmeChallenge.HTTP_01, "127.0.0.1", pebble.httpPort(), storage, KeyType.EC_P256, renewBefore,
				Duration.ofSeconds(4), null, null, pebble.clientContext());
	}

	private static TlsContext servedContext(AcmeSettings settings) {
		return TlsContext.create("acme", TlsOptions.builder()
			.certfile("file:" + settings.certificateFile())
			.keyfile("file:" + settings.keyFile())
			.build());
	}

}
