package dev.tlsboot.sample;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SamplePropertiesTests {

	@Test
	void defaultsLimitEachClientAddressAndConnection() {
		SampleProperties properties = bind(Map.of());
		assertThat(properties.requestLimits())
			.isEqualTo(new CertificateRequestService.Limits(Duration.ofSeconds(30), 512, 8));
	}

	@Test
	void refusesAClientNameTheServiceWouldRefuseAndSaysWhy() {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(Map.of("sample.client.name", "-rf")))
			.havingRootCause()
			.withMessage("Common name '-rf': use 1 to 64 letters, digits, '.', '-' or '_', not starting with '.' "
					+ "or '-'");
	}

	@Test
	void refusesALimitThatIsNotPositive() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("sample.request-connections-per-address", "0")))
			.havingRootCause()
			.withMessageContaining("sample.request-connections-per-address (0)")
			.withMessageEndingWith("must be positive");
	}

	private static SampleProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("sample",
				SampleProperties.class);
	}

}
