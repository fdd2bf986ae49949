package dev.tlsboot.actuate;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tlsboot.actuate.autoconfigure.TlsEndpointAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code tls} endpoint follows Actuator's exposure rules: there is none until it is exposed.
 */
class TlsEndpointAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(EndpointAutoConfiguration.class, TlsAutoConfiguration.class, TlsEndpointAutoConfiguration.class));

	@Test
	void notAvailableUnlessExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(TlsEndpoint.class));
	}

	@Test
	void availableWhenExposedOverHttp() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=tls")
			.run((context) -> assertThat(context).hasSingleBean(TlsEndpoint.class));
	}

	@Test
	void notAvailableWhenExposedButTurnedOff() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=tls", "management.endpoint.tls.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(TlsEndpoint.class));
	}

}
