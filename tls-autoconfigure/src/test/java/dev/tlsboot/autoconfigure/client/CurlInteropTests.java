package dev.tlsboot.autoconfigure.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.test.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * curl, with and without a client certificate, against a Reactor Netty server secured by TLS Boot that requires one:
 * the same server the Spring clients are tested against, seen by a client that shares no code with them.
 */
class CurlInteropTests {

	private static final long TIMEOUT_SECONDS = 20;

	private static TestCertificates certs;

	@BeforeAll
	static void issueCertificates() {
		assumeTrue(curl("--version").exitCode() == 0, "curl is not on the PATH: interop test skipped");
		certs = TestCertificates.create();
	}

	@AfterAll
	static void deleteCertificates() {
		if (certs != null) {
			certs.close();
		}
	}

	@Test
	void curlWithAClientCertificateIsServed() {
		try (HttpsTestServer server = new HttpsTestServer(certs.serverContext(TlsOptions.builder().require(true)))) {
			Result result = curl("--cacert", certs.file("ca.crt").toString(), "--cert",
					certs.file("client.crt").toString(), "--key", certs.file("client.key").toString(),
					server.url("localhost"));
			assertThat(result.exitCode()).as(result.output()).isZero();
			assertThat(result.output()).startsWith("CN=client HTTP/");
		}
	}

	@Test
	void curlWithoutAClientCertificateIsRefused() {
		try (HttpsTestServer server = new HttpsTestServer(certs.serverContext(TlsOptions.builder().require(true)))) {
			Result result = curl("--cacert", certs.file("ca.crt").toString(), server.url("localhost"));
			assertThat(result.exitCode()).as(result.output()).isNotZero();
			assertThat(result.output()).doesNotContain("CN=");
		}
	}

	/** Run curl, bounded in time, with its errors merged into its output; exit code -1 when it cannot run. */
	private static Result curl(String... arguments) {
		List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "10"));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return new Result(-1, "curl did not finish within " + TIMEOUT_SECONDS + " s");
			}
			return new Result(process.exitValue(),
					new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return new Result(-1, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Result(-1, ex.toString());
		}
	}

	private record Result(int exitCode, String output) {
	}

}
