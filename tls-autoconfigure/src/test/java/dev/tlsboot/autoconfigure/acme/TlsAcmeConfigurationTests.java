package dev.tlsboot.autoconfigure.acme;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.core.option.TlsConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** What cannot work stops startup with the property at fault, which the failure analyzer reports. */
class TlsAcmeConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsAcmeAutoConfiguration.class))
		.withPropertyValues("tls.acme.enabled=true", "tls.acme.domains=app.example.com",
				"tls.acme.accept-terms=true", "tls.server.context=default");

	@Test
	void termsNotAcceptedStopStartup() {
		assertRefused("tls.acme.accept-terms", "accept-terms", "tls.acme.accept-terms=false");
	}

	@Test
	void noDomainStopsStartup() {
		assertRefused("tls.acme.domains", "no domain", "tls.acme.domains=");
	}

	@Test
	void http01WithoutAPortStopsStartup() {
		assertRefused("tls.acme.http-port", "http-01", "tls.acme.challenge=http-01");
	}

	@Test
	void tlsAlpn01WithoutTheWebServerServingTheContextStopsStartup() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsAcmeAutoConfiguration.class))
			.withPropertyValues("tls.acme.enabled=true", "tls.acme.domains=app.example.com",
					"tls.acme.accept-terms=true")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(TlsConfigurationException.class)
				.hasMessageContaining("tls.server.context")
				.extracting((ex) -> ((TlsConfigurationException) ex).option())
				.isEqualTo("tls.acme.challenge"));
	}

	@ParameterizedTest
	@CsvSource({ "web, tls.contexts.web.certfile", "web, tls.contexts.web.keyfile", "default, tls.keyfile",
			"default, tls.keyalias" })
	void aCertificateSetForTheManagedContextStopsStartupNamingThePropertyAndTheFix(String context, String property,
			@TempDir Path storage) {
		FailureAnalysis analysis = analyzeStartup(storage, "tls.acme.context=" + context,
				property + "=file:/etc/tls/own.pem");
		assertThat(analysis.getDescription()).contains("Property: " + property)
			.contains("managed by ACME", "never renewed");
		assertThat(analysis.getAction()).startsWith("Remove '" + property + "'").contains("tls.acme.enabled");
		// Refused before anything was written to storage.
		assertThat(storage).isEmptyDirectory();
	}

	@Test
	void anHttpPortTakenStopsStartupNamingIt(@TempDir Path storage) throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			FailureAnalysis analysis = analyzeStartup(storage, "tls.acme.challenge=http-01",
					"tls.acme.http-port=" + taken.getLocalPort(), "server.address=127.0.0.1");
			assertThat(analysis.getDescription()).contains("Property: tls.acme.http-port")
				.contains("cannot listen for ACME http-01 challenges on port " + taken.getLocalPort() + " of 127.0.0.1");
			assertThat(analysis.getAction()).contains("Free the port");
		}
	}

	/** Start a (non-web) application with ACME on, and analyze its failure as Spring Boot would report it. */
	private static FailureAnalysis analyzeStartup(Path storage, String... properties) {
		SpringApplication application = new SpringApplicationBuilder(TlsAutoConfiguration.class,
				TlsAcmeAutoConfiguration.class)
			.web(WebApplicationType.NONE)
			.properties("tls.acme.enabled=true", "tls.acme.domains=app.example.com", "tls.acme.accept-terms=true",
					// Never reached: startup fails before an order.
					"tls.acme.directory=http://127.0.0.1:1/dir", "tls.acme.storage=" + storage)
			.properties(properties)
			.build();
		Throwable failure = catchThrowable(application::run);
		FailureHandler skipOthers = FailureHandler.handleMessage((message, ex) -> {
		});
		return SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, skipOthers)
			.stream()
			.map((analyzer) -> analyzer.analyze(failure))
			.filter(Objects::nonNull)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no analysis of " + failure, failure));
	}

	@Test
	void offWhenNotEnabled() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsAcmeAutoConfiguration.class))
			.run((context) -> assertThat(context.getBean(TlsAcme.class).managed()).isEmpty());
	}

	private void assertRefused(String property, String reason, String... properties) {
		this.runner.withPropertyValues(properties)
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(TlsConfigurationException.class)
				.hasMessageContaining(reason)
				.extracting((ex) -> ((TlsConfigurationException) ex).option())
				.isEqualTo(property));
	}

}
