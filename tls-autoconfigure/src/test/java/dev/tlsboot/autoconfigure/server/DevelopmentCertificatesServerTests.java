package dev.tlsboot.autoconfigure.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tls.dev.enabled=true} alone: every server answers HTTPS with the development certificate. */
class DevelopmentCertificatesServerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(TestApplications.class)
	void servesHttpsToAClientThatTrustsTheDevelopmentCa(TestApplications server) throws Exception {
		try (ConfigurableApplicationContext application = server
			.run(Map.of("tls.dev.enabled", "true", "tls.dev.directory", this.directory.toString()))) {
			// As curl --cacert .tls-dev/ca.crt does: the development CA, and nothing else.
			TlsContext curl = TlsContext.create("curl",
					TlsOptions.builder().cafile(this.directory.resolve("ca.crt").toString()).build());
			HttpClient http = HttpClient.newBuilder().sslContext(curl.sslContext()).connectTimeout(TIMEOUT).build();
			URI uri = URI.create("https://localhost:" + TestApplications.port(application) + "/");
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("none");
		}
	}

}
