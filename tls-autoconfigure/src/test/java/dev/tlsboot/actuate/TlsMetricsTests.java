package dev.tlsboot.actuate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tlsboot.actuate.autoconfigure.TlsMetricsAutoConfiguration;
import dev.tlsboot.autoconfigure.LoopbackConnection;
import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.client.TlsHttpClientAutoConfiguration;
import dev.tlsboot.core.ConsumerSslContext;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.observe.TlsConsumers;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.test.TestCertificates;
import dev.tlsboot.test.TlsCertificatesExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * TLS Boot's Micrometer metrics in a {@link SimpleMeterRegistry}, after a real successful and a real failed
 * handshake on 127.0.0.1.
 */
@ExtendWith(TlsCertificatesExtension.class)
class TlsMetricsTests {

	private static TestCertificates certs;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, TlsAutoConfiguration.class,
				TlsMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("tls.cafile=" + certs.location("ca.crt"),
				"tls.contexts.server.certfile=" + certs.location("server.crt"),
				"tls.contexts.server.keyfile=" + certs.location("server.key"),
				"tls.contexts.stranger.cafile=" + certs.location("other-ca.crt"));

	@BeforeAll
	static void writeCertificates(TestCertificates certs) throws IOException {
		TlsMetricsTests.certs = certs;
		Files.writeString(certs.file("other-ca.crt"), CertificateAuthority.root("Other CA").rootCertificatePem());
	}

	@Test
	void handshakesAreTimedByOutcomeAndFailuresCountedByCause() {
		this.runner.run((context) -> {
			TlsContexts contexts = context.getBean(TlsContexts.class);
			LoopbackConnection.open(contexts.get("server"), contexts.getDefault()).close();
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> LoopbackConnection.open(contexts.get("server"), contexts.get("stranger")));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Timer success = registry.get("tls.handshakes")
				.tags("context", "default", "role", "client", "protocol", "TLSv1.3", "outcome", "success", "cause",
						"none")
				.timer();
			assertThat(success.count()).isOne();
			assertThat(success.getId().getTag("cipher")).startsWith("TLS_AES_");
			assertThat(registry.get("tls.handshakes").tags("context", "server", "role", "server", "outcome", "success")
				.timer()
				.count()).isOne();
			Timer failure = registry.get("tls.handshakes")
				.tags("context", "stranger", "role", "client", "outcome", "failure", "cause", "UNKNOWN_CA")
				.timer();
			assertThat(failure.count()).isOne();
			assertThat(registry.get("tls.handshake.failures")
				.tags("context", "stranger", "role", "client", "cause", "UNKNOWN_CA")
				.counter()
				.count()).isOne();
			// The server sees the client's refusal as an alert or, when the client closes first, as a reset:
			// which one is a race, so the server's failure is counted whatever its cause.
			assertThat(registry.get("tls.handshake.failures")
				.tags("context", "server", "role", "server")
				.counters()
				.stream()
				.mapToDouble(Counter::count)
				.sum()).isOne();
		});
	}

	@Test
	void handshakesAreTaggedWithTheLibraryThatMadeThem() {
		this.runner.withConfiguration(AutoConfigurations.of(TlsHttpClientAutoConfiguration.class)).run((context) -> {
			TlsContext server = context.getBean(TlsContexts.class).get("server");
			// The JDK's HttpsServer stands for any server library that takes an SSLContext, as Jetty does
			HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			https.setHttpsConfigurator(
					new HttpsConfigurator(ConsumerSslContext.of(server.sslContext(), TlsConsumers.HTTP_SERVER)));
			https.createContext("/", (exchange) -> {
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
			});
			https.start();
			try {
				HttpRequest request = HttpRequest
					.newBuilder(URI.create("https://localhost:" + https.getAddress().getPort() + "/"))
					.timeout(Duration.ofSeconds(10))
					.build();
				assertThat(context.getBean(HttpClient.Builder.class)
					.build()
					.send(request, HttpResponse.BodyHandlers.discarding())
					.statusCode()).isEqualTo(204);
			}
			finally {
				https.stop(0);
			}
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("tls.handshakes")
				.tags("role", "client", "consumer", "http-client", "outcome", "success")
				.timer()
				.count()).isOne();
			assertThat(registry.get("tls.handshakes")
				.tags("role", "server", "consumer", "http-server", "outcome", "success")
				.timer()
				.count()).isOne();
		});
	}

	@Test
	void certificateExpiryIsAGaugeInSecondsPerContext() {
		this.runner.run((context) -> {
			Gauge expiry = context.getBean(MeterRegistry.class)
				.get("tls.certificate.expiry")
				.tags("context", "server", "subject", "CN=localhost")
				.gauge();
			assertThat(expiry.getId().getBaseUnit()).isEqualTo("seconds");
			assertThat(expiry.getId().getTag("certificate")).matches("[0-9A-F]+");
			assertThat(expiry.value()).isCloseTo(365 * 86400.0, within(2 * 86400.0));
		});
	}

}
