package dev.tlsboot.autoconfigure.jdbc;

import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.core.jdbc.PostgresSslFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * When the {@code tls.*} contexts can be named in a JDBC URL: while an application with pgjdbc runs, and before its
 * DataSource is made.
 */
class TlsPostgresAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, DataSourceAutoConfiguration.class,
				TlsPostgresAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1/app",
				"tls.contexts.registered.require=true");

	@Test
	void theContextsAreRegisteredWhileTheApplicationRuns() {
		this.runner.run((application) -> {
			assertThat(application).hasSingleBean(TlsPostgresAutoConfiguration.JdbcRegistration.class);
			assertThat(new PostgresSslFactory(naming("registered")).getDefaultCipherSuites()).isNotEmpty();
		});
		assertThatIllegalArgumentException().isThrownBy(() -> new PostgresSslFactory(naming("registered")))
			.withMessageContaining("There is no TLS Boot context named 'registered'");
	}

	@Test
	void theDataSourceIsMadeAfterTheRegistration() {
		this.runner.run((application) -> assertThat(
				application.getBeanFactory().getBeanDefinition("dataSource").getDependsOn())
			.contains("tlsJdbcRegistration"));
	}

	@Test
	void withoutPgjdbcNothingIsRegistered() {
		this.runner.withClassLoader(new FilteredClassLoader("org.postgresql"))
			.run((application) -> assertThat(application)
				.doesNotHaveBean(TlsPostgresAutoConfiguration.JdbcRegistration.class));
	}

	private static Properties naming(String context) {
		Properties connection = new Properties();
		connection.setProperty("sslfactoryarg", context);
		return connection;
	}

}
