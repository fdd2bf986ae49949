package dev.tlsboot.autoconfigure.acme;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import dev.tlsboot.actuate.TlsAcmeMetrics;
import dev.tlsboot.actuate.TlsEndpoint;
import dev.tlsboot.actuate.TlsHealthIndicator;
import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.reload.TlsReloadAutoConfiguration;
import dev.tlsboot.autoconfigure.reload.TlsReloads;
import dev.tlsboot.autoconfigure.server.TlsWebServerAutoConfiguration;
import dev.tlsboot.core.acme.AcmeStatus;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.testing.OpenSslCli;
import dev.tlsboot.testing.Pebble;
import dev.tlsboot.testing.PebbleServer;
import dev.tlsboot.testing.WebApplications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code tls.acme.*} on a real web server against Debian's Pebble: the server starts with a placeholder, answers
 * tls-alpn-01 on its own HTTPS port (the port Pebble validates on), and serves the issued certificate, whose chain
 * {@code openssl s_client} verifies against Pebble's root.
 */
class TlsAcmeServerTests {

	private static final String DOMAIN = "shop.tls-boot.example.com";

	@RegisterExtension
	static final PebbleServer pebbleServer = new PebbleServer(Duration.ofMinutes(10));

	private static Pebble pebble;

	@TempDir
	Path storage;

	@BeforeAll
	static void pebble() {
		pebble = pebbleServer.pebble();
	}

	enum Server {

		TOMCAT(WebApplicationType.SERVLET, Tomcat.class), JETTY(WebApplicationType.SERVLET, Jetty.class),
		REACTOR_NETTY(WebApplicationType.REACTIVE, ReactorNetty.class);

		final WebApplicationType type;

		final Class<?> configuration;

		Server(WebApplicationType type, Class<?> configuration) {
			this.type = type;
			this.configuration = configuration;
		}

	}

	@ParameterizedTest
	@EnumSource(Server.class)
	void startsWithAPlaceholderAndServesTheCertificateObtainedOverTlsAlpn01(Server server) throws Exception {
		Map<String, String> properties = acmeProperties(pebble, this.storage);
		properties.put("server.port", String.valueOf(pebble.tlsPort()));
		long started = System.nanoTime();
		try (ConfigurableApplicationContext application = WebApplications.run(server.configuration, server.type,
				properties)) {
			TlsAcme acme = application.getBean(TlsAcme.class);
			TlsHealthIndicator health = new TlsHealthIndicator(application.getBean(TlsContexts.class),
					Duration.ofDays(14), null, Duration.ofMinutes(5), acme);
			if (acme.managed().orElseThrow().status().issued() == 0) {
				assertThat(health.health(true).getDetails().get("warnings").toString())
					.contains("Context 'web': serves a placeholder until ACME obtains the first certificate");
			}
			await().atMost(Duration.ofSeconds(60))
				.until(() -> acme.managed().map((managed) -> managed.status().issued()).orElse(0L) == 1);
			System.out.printf("ACME on %s: first certificate %d ms after the application started to start%n", server,
					(System.nanoTime() - started) / 1_000_000);
			// Counted and published (TlsContextReloadedEvent) as a reload, once: the watcher does not repeat it.
			assertThat(application.getBean(TlsReloads.class).status("web")).hasValueSatisfying(
					(reload) -> assertThat(reload.reloads()).isEqualTo(1));
			AcmeStatus status = acme.managed().orElseThrow().status();
			assertThat(status.placeholder()).isFalse();
			assertThat(status.renewalPoint()).isNotNull();
			Path root = pebble.writeRoot();
			assertThat(sClient(pebble.tlsPort(), root)).contains("Verify return code: 0 (ok)");

			// What the endpoint, health and metrics say of it.
			TlsEndpoint endpoint = new TlsEndpoint(application.getBean(TlsContexts.class),
					application.getBean(ConnectionRegistry.class), Duration.ofDays(14), null, acme);
			AcmeStatus shown = endpoint.tls().contexts().get("web").acme();
			assertThat(shown.directory()).isEqualTo(pebble.directoryUrl());
			assertThat(shown.account()).isNotNull();
			assertThat(shown.lastOutcome()).isEqualTo("issued");
			assertThat(shown.nextAttempt()).isEqualTo(shown.renewalPoint());
			assertThat(endpoint.tls().contexts().get("acme").acme()).isNull();
			assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
			assertThat(health.health(true).getDetails().get("warnings").toString()).doesNotContain("ACME", "placeholder");
			SimpleMeterRegistry meters = new SimpleMeterRegistry();
			new TlsAcmeMetrics(acme).bindTo(meters);
			assertThat(meters.get("tls.acme.orders").tags("context", "web", "outcome", "issued").functionCounter()
				.count()).isEqualTo(1);
		}
	}

	@Test
	void answersHttp01OnTheHttpPortBoundToTheServerAddress() throws Exception {
		Map<String, String> properties = acmeProperties(pebble, this.storage);
		properties.put("tls.acme.challenge", "http-01");
		properties.put("tls.acme.http-port", String.valueOf(pebble.httpPort()));
		try (ConfigurableApplicationContext application = WebApplications.run(Tomcat.class,
				WebApplicationType.SERVLET, properties)) {
			TlsAcme acme = application.getBean(TlsAcme.class);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> acme.managed().map((managed) -> managed.status().issued()).orElse(0L) == 1);
			assertThat(acme.managed().orElseThrow().status().challenge()).isEqualTo("http-01");
			int httpsPort = WebApplications.port(application);
			assertThat(sClient(httpsPort, pebble.writeRoot())).contains("Verify return code: 0 (ok)");
			// Still listening once the order is done, on server.address: the rest goes to the web server's port.
			HttpResponse<Void> redirect = HttpClient.newHttpClient().send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + pebble.httpPort() + "/cart?item=7"))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.discarding());
			assertThat(redirect.statusCode()).isEqualTo(301);
			assertThat(redirect.headers().firstValue("Location"))
				.hasValue("https://127.0.0.1:" + httpsPort + "/cart?item=7");
		}
	}

	/** What every case sets: the web server serves 'web', whose certificate ACME obtains from Pebble. */
	static Map<String, String> acmeProperties(Pebble pebble, Path storage) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("tls.server.context", "web");
		properties.put("tls.contexts.acme.cafile", "file:" + pebble.caFile());
		properties.put("tls.acme.enabled", "true");
		properties.put("tls.acme.directory", pebble.directoryUrl());
		properties.put("tls.acme.domains", DOMAIN);
		properties.put("tls.acme.accept-terms", "true");
		properties.put("tls.acme.context", "web");
		properties.put("tls.acme.client-context", "acme");
		properties.put("tls.acme.storage", storage.toString());
		return properties;
	}

	/** What {@code openssl s_client -servername} says of the chain the server on {@code port} serves. */
	private static String sClient(int port, Path root) {
		return OpenSslCli.opensslWithInput("", "s_client", "-connect", "127.0.0.1:" + port, "-servername", DOMAIN,
				"-CAfile", root.toString(), "-verify_return_error", "-verify_hostname", DOMAIN).output();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TlsAutoConfiguration.class, TlsWebServerAutoConfiguration.class,
			TlsReloadAutoConfiguration.class, TlsAcmeAutoConfiguration.class,
			TomcatServletWebServerAutoConfiguration.class })
	static class Tomcat {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TlsAutoConfiguration.class, TlsWebServerAutoConfiguration.class,
			TlsReloadAutoConfiguration.class, TlsAcmeAutoConfiguration.class,
			JettyServletWebServerAutoConfiguration.class })
	static class Jetty {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TlsAutoConfiguration.class, TlsWebServerAutoConfiguration.class,
			TlsReloadAutoConfiguration.class, TlsAcmeAutoConfiguration.class,
			NettyReactiveWebServerAutoConfiguration.class, HttpHandlerAutoConfiguration.class,
			WebFluxAutoConfiguration.class })
	static class ReactorNetty {

	}

}
