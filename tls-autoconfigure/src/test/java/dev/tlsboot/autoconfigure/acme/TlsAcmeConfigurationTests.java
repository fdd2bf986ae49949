package dev.tlsboot.autoconfigure.acme;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.core.option.TlsConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;

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
