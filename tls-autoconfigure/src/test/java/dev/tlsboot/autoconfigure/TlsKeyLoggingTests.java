package dev.tlsboot.autoconfigure;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tlsboot.core.option.TlsConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tls.debug.keylog-file}: off by default, on when set, refused under a prod profile without a second switch. */
class TlsKeyLoggingTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class));

	@TempDir
	Path directory;

	@Test
	void offByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(TlsProperties.class).getDebug().getKeylogFile()).isNull();
		});
	}

	@Test
	void aKeyLogFileIsOpenedBeforeTheContextsAreBuilt() {
		Path file = this.directory.resolve("keys.log");
		this.runner.withPropertyValues("tls.debug.keylog-file=" + file).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(TlsContexts.class);
			assertThat(file).exists();
		});
	}

	@Test
	void aProdProfileRefusesTheKeyLog() {
		Path file = this.directory.resolve("keys.log");
		this.runner.withPropertyValues("spring.profiles.active=prod", "tls.debug.keylog-file=" + file)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(TlsConfigurationException.class)
					.hasMessageContaining("Option 'tls.debug.keylog-file'")
					.hasMessageContaining("a 'prod' profile is active")
					.hasMessageContaining("tls.debug.allow-in-production=true");
				assertThat(file).doesNotExist();
			});
	}

	@Test
	void theSecondSwitchAllowsItInProduction() {
		Path file = this.directory.resolve("keys.log");
		this.runner
			.withPropertyValues("spring.profiles.active=prod", "tls.debug.keylog-file=" + file,
					"tls.debug.allow-in-production=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(file).exists();
			});
	}

}
