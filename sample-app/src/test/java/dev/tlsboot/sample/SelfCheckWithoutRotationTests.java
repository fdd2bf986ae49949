package dev.tlsboot.sample;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tlsboot.core.reload.MaterialWatcher;

import static org.assertj.core.api.Assertions.assertThat;

/** With certificate rotation off there is no file watcher: the self-check reloads the client context itself. */
@ExtendWith(OutputCaptureExtension.class)
class SelfCheckWithoutRotationTests {

	@TempDir
	Path directory;

	@Test
	void reloadsTheClientContextItselfOnceAndCallsTheApiWithTheNewCertificate(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class).run(
				"--tls.reload.enabled=false", "--sample.request-port=0", "--server.port=0",
				"--management.server.port=0", "--sample.keys=" + this.directory.resolve("keys"),
				"--sample.client.keys=" + this.directory.resolve("keys-client"))) {
			assertThat(context.getBeanProvider(MaterialWatcher.class).getIfAvailable()).isNull();
		}
		assertThat(output.getOut()).containsOnlyOnce("Reloaded TlsContext 'client'")
			.containsPattern("certificate : requested from localhost:\\d+, saved to ")
			.containsPattern("GET {9}: https://localhost:\\d+/test -> 200 OK");
	}

}
