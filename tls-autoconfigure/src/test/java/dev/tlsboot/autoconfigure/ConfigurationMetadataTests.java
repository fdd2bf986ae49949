package dev.tlsboot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IDE metadata {@code spring-boot-configuration-processor} generates from {@link TlsProperties}, merged with the
 * hints of {@code additional-spring-configuration-metadata.json}.
 */
class ConfigurationMetadataTests {

	@Test
	void describesThePropertiesByTheirTclTlsNamesWithHints() throws IOException {
		String metadata = read("META-INF/spring-configuration-metadata.json");
		assertThat(metadata).contains("\"name\": \"tls.contexts\"", "\"name\": \"tls.cipher\"",
				"\"name\": \"tls.security-level\"", "\"name\": \"tls.tls1.2\"", "\"name\": \"tls.tls1.3\"",
				"\"name\": \"tls.handshake-timeout\"", "\"name\": \"tls.server.sni\"",
				"\"name\": \"tls.client.routes\"", "\"name\": \"tls.https-handler.register\"",
				"\"name\": \"tls.connections.max-tracked\"", "\"name\": \"tls.connections.application-events\"",
				"\"name\": \"tls.health.warning-threshold\"",
				"\"description\": \"Whether to enable TLS 1.2. On by default.\"");
		assertThat(metadata).contains("\"name\": \"tls.crlfile\"", "\"name\": \"tls.revocation\"",
				"\"name\": \"tls.revocation-scope\"", "\"name\": \"tls.contexts\"", "\"value\": \"hard\"");
		assertThat(metadata).doesNotContain("\"name\": \"tls.tls12\"");
		// Process-wide, so only at the top level, and the description says so.
		assertThat(metadata)
			.contains("\"name\": \"tls.crypto-provider\"", "A setting of the whole JVM, not of a context")
			.doesNotContain("\"name\": \"tls.contexts.crypto-provider\"");
		assertThat(metadata).contains("\"value\": \"system\"", "\"value\": \"http\\/1.1\"", "\"value\": 5",
				"\"value\": \"accp\"");
	}

	private static String read(String resource) throws IOException {
		try (InputStream in = ConfigurationMetadataTests.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
