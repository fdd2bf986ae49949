package dev.tlsboot.autoconfigure.dev;

import java.math.BigInteger;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import dev.tlsboot.core.TlsContext;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tls.dev.enabled=true}: a started application serves a development certificate, the same one next time. */
class DevelopmentCertificatesEnvironmentPostProcessorTests {

	@TempDir
	Path directory;

	@Test
	void defaultContextServesTheDevelopmentCertificateAndTrustsItsCaBesideTheSystemStore() {
		BigInteger first;
		try (ConfigurableApplicationContext context = start()) {
			TlsContext tls = context.getBean(TlsContext.class);
			assertThat(tls.certificateChain().get(0).getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
			assertThat(tls.trustAnchors()).hasSizeGreaterThan(1)
				.anyMatch((anchor) -> anchor.getSubjectX500Principal().getName().startsWith("CN=TLS Boot Development CA"));
			first = tls.certificateChain().get(0).getSerialNumber();
		}
		try (ConfigurableApplicationContext context = start()) {
			assertThat(context.getBean(TlsContext.class).certificateChain().get(0).getSerialNumber()).isEqualTo(first);
		}
	}

	@Test
	void applicationsOwnCertfileWins() {
		try (ConfigurableApplicationContext context = start("--tls.certfile=", "--tls.dev.host-names=api.test")) {
			// An empty certfile is the application's word: no certificate, and none is offered in its place.
			assertThat(context.getBean(TlsContext.class).certificateChain()).isEmpty();
		}
	}

	@Test
	void webServerTlsConfiguredBySpringBootIsLeftToIt() {
		// Offering tls.server.* beside server.ssl.* would fail the start: the two cannot both configure the server.
		try (ConfigurableApplicationContext context = start("--server.ssl.bundle=tls-default")) {
			assertThat(context.getEnvironment().containsProperty("tls.server.context")).isFalse();
			assertThat(context.getBean(TlsContext.class).certificateChain()).isNotEmpty();
		}
	}

	private ConfigurableApplicationContext start(String... extra) {
		SpringApplication application = new SpringApplication(Config.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		String[] args = new String[extra.length + 2];
		args[0] = "--tls.dev.enabled=true";
		args[1] = "--tls.dev.directory=" + this.directory;
		System.arraycopy(extra, 0, args, 2, extra.length);
		return application.run(args);
	}

	@Configuration(proxyBeanMethods = false)
	// No database: spring-boot-jdbc is on the test class path for the PostgreSQL tests only
	@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
	static class Config {

	}

}
