package dev.tlsboot.autoconfigure.server;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLEngine;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.Connection;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

import dev.tlsboot.autoconfigure.TlsSslBundleAutoConfiguration;
import dev.tlsboot.autoconfigure.client.TlsHttpClientAutoConfiguration;
import dev.tlsboot.test.TestCertificates;
import dev.tlsboot.test.TestCertificates.Identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code tls.provider} decides the engines of the Reactor Netty server and of WebClient: the JDK's for {@code jdk},
 * OpenSSL's for {@code openssl}, as the handlers in their pipelines show.
 */
class ReactorNettyProviderTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "openssl" })
	void theProviderOptionChoosesTheEnginesOfServerAndWebClient(String provider) {
		boolean openSsl = provider.equals("openssl");
		assumeTrue(!openSsl || OpenSsl.isAvailable(),
				() -> "netty-tcnative cannot be loaded: " + OpenSsl.unavailabilityCause());
		try (TestCertificates certificates = TestCertificates.create()) {
			Map<String, Object> properties = new LinkedHashMap<>(certificates.properties("tls", Identity.SERVER));
			properties.put("tls.provider", provider);
			properties.put("tls.server.context", "default");
			try (ConfigurableApplicationContext application = new SpringApplicationBuilder(EngineApplication.class)
				.web(WebApplicationType.REACTIVE)
				.properties(Map.of("server.port", "0", "server.address", "127.0.0.1", "spring.main.banner-mode", "off"))
				.properties(properties)
				.run()) {
				WebClient client = application.getBean(WebClient.Builder.class).build();
				String answer = client.get()
					.uri("https://127.0.0.1:" + TestApplications.port(application) + "/engine")
					.retrieve()
					.bodyToMono(String.class)
					.block(TIMEOUT);
				Engines engines = application.getBean(Engines.class);
				assertThat(answer).isEqualTo(engines.server.get().getClass().getName());
				assertThat(engines.server.get() instanceof ReferenceCountedOpenSslEngine).as("server on OpenSSL")
					.isEqualTo(openSsl);
				assertThat(engines.client.get() instanceof ReferenceCountedOpenSslEngine).as("WebClient on OpenSSL")
					.isEqualTo(openSsl);
			}
		}
	}

	private static SSLEngine engineOf(Connection connection) {
		return connection.channel().pipeline().get(SslHandler.class).engine();
	}

	/** The engines of the last connection each side saw. */
	static class Engines {

		final AtomicReference<SSLEngine> server = new AtomicReference<>();

		final AtomicReference<SSLEngine> client = new AtomicReference<>();

	}

	@RestController
	static class EngineController {

		private final Engines engines;

		EngineController(Engines engines) {
			this.engines = engines;
		}

		@GetMapping("/engine")
		String engine(ServerHttpRequest request) {
			SSLEngine engine = engineOf(((AbstractServerHttpRequest) request).getNativeRequest());
			this.engines.server.set(engine);
			return engine.getClass().getName();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TlsSslBundleAutoConfiguration.class, SslAutoConfiguration.class,
			HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
			WebClientAutoConfiguration.class, TlsHttpClientAutoConfiguration.class })
	@Import({ TestApplications.ReactorNetty.class, EngineController.class })
	static class EngineApplication {

		@Bean
		Engines engines() {
			return new Engines();
		}

		@Bean
		ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder> recordClientEngine(Engines engines) {
			return (builder) -> builder.withHttpClientCustomizer((client) -> client
				.doOnConnected((connection) -> engines.client.set(engineOf(connection))));
		}

	}

}
