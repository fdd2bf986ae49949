package dev.tlsboot.sample;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackTourTest {

	@Test
	void tourPrintsAMutualTlsHandshakeOverLoopback() throws Exception {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		new LoopbackTour(new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("server says : hello CN=sample-client")
			.contains("protocol    : TLSv1.3")
			.contains("alpn        : h2")
			.contains("server cert : CN=localhost");
	}

}
