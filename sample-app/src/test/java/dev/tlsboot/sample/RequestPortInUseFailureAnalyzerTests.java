package dev.tlsboot.sample;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** The sample started for real with its request port taken. */
@ExtendWith(OutputCaptureExtension.class)
class RequestPortInUseFailureAnalyzerTests {

	@TempDir
	Path directory;

	@Test
	void aTakenRequestPortEndsStartupWithAReportNamingThePropertyThePortAndTheFix(CapturedOutput output)
			throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int port = taken.getLocalPort();
			assertThatException()
				.isThrownBy(() -> new SpringApplicationBuilder(SampleApplication.class).run(
						"--sample.request-port=" + port, "--server.port=0", "--management.server.port=0",
						"--sample.self-check=false", "--sample.keys=" + this.directory.resolve("keys"),
						"--sample.client.keys=" + this.directory.resolve("keys-client")))
				.havingRootCause()
				.withMessageContaining("Address already in use");
			assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
				.contains("The certificate request service could not listen on 127.0.0.1:" + port
						+ " (sample.request-port): the port is in use")
				.contains("Stop what listens on port " + port + ", or set sample.request-port to another port")
				.doesNotContain("Application run failed")
				.doesNotContain("\tat ");
		}
	}

}
