package dev.tlsboot.autoconfigure.acme;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.core.acme.AcmeStatus;
import dev.tlsboot.testing.HandshakeLoop;
import dev.tlsboot.testing.OpenSslCli;
import dev.tlsboot.testing.Pebble;
import dev.tlsboot.testing.PebbleServer;
import dev.tlsboot.testing.WebApplications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Spring Boot application on Tomcat whose certificate comes from Debian's Pebble with a lifetime of
 * {@link #VALIDITY}: it renews while a client handshakes in a loop, no handshake failing, and once restarted on the
 * same storage it serves the stored certificate and orders nothing.
 */
class TlsAcmeRenewalTests {

	private static final Duration VALIDITY = Duration.ofSeconds(30);

	@RegisterExtension
	static final PebbleServer pebbleServer = new PebbleServer(VALIDITY);

	private static Pebble pebble;

	@BeforeAll
	static void pebble() {
		pebble = pebbleServer.pebble();
	}

	@Test
	void renewsWithNoFailedHandshakeAndARestartServesTheStoredCertificateWithNoNewOrder(@TempDir Path storage)
			throws Exception {
		Map<String, String> properties = TlsAcmeServerTests.acmeProperties(pebble, storage);
		// tls-alpn-01: Pebble validates on the web server's own port.
		properties.put("server.port", String.valueOf(pebble.tlsPort()));
		X509Certificate renewed;
		long started = System.nanoTime();
		try (ConfigurableApplicationContext application = WebApplications.run(TlsAcmeServerTests.Tomcat.class,
				WebApplicationType.SERVLET, properties)) {
			TlsAcme acme = application.getBean(TlsAcme.class);
			await().atMost(Duration.ofSeconds(60)).until(() -> status(acme).issued() == 1);
			System.out.printf("ACME on Tomcat: first certificate %d ms after the application started to start%n",
					(System.nanoTime() - started) / 1_000_000);
			AcmeStatus first = status(acme);
			BigInteger firstSerial = served(application).getSerialNumber();
			Instant issued = Instant.now();

			HandshakeLoop client = new HandshakeLoop(pebble.tlsPort());
			try (client) {
				await().atMost(VALIDITY).until(() -> status(acme).issued() == 2);
				// Handshakes on the renewed certificate too.
				int atRenewal = client.handshakes();
				await().atMost(Duration.ofSeconds(5)).until(() -> client.handshakes() > atRenewal + 10);
			}
			System.out.printf("ACME on Tomcat: renewed %d ms after the first certificate was obtained; %d handshakes "
					+ "looped meanwhile, %s failed%n", Duration.between(issued, Instant.now()).toMillis(),
					client.handshakes(), (client.failure() != null) ? client.failure() : "none");
			assertThat(client.failure()).isNull();
			renewed = served(application);
			assertThat(renewed.getNotAfter().toInstant()).isAfter(first.notAfter());
			assertThat(client.served()).contains(firstSerial, renewed.getSerialNumber());
		}

		int ordersBeforeRestart = orders();
		assertThat(ordersBeforeRestart).isEqualTo(2);
		try (ConfigurableApplicationContext restarted = WebApplications.run(TlsAcmeServerTests.Tomcat.class,
				WebApplicationType.SERVLET, properties)) {
			TlsAcme acme = restarted.getBean(TlsAcme.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> status(acme).renewalPoint() != null);
			Thread.sleep(1000);
			HandshakeLoop client = new HandshakeLoop(pebble.tlsPort());
			try (client) {
				await().atMost(Duration.ofSeconds(5)).until(() -> client.handshakes() > 0);
			}
			assertThat(client.served()).containsExactly(renewed.getSerialNumber());
			assertThat(status(acme).placeholder()).isFalse();
			assertThat(status(acme).lastOrder()).isNull();
			assertThat(orders()).as("orders Pebble took").isEqualTo(ordersBeforeRestart);
		}
	}

	/** How many orders Pebble took, from its log. */
	private static int orders() throws IOException {
		return pebble.log().split("Added order ", -1).length - 1;
	}

	private static X509Certificate served(ConfigurableApplicationContext application) {
		return application.getBean(TlsContexts.class).get("web").certificateChain().get(0);
	}

	private static AcmeStatus status(TlsAcme acme) {
		return acme.managed().orElseThrow().status();
	}

}
