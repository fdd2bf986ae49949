package dev.tlsboot.autoconfigure.server;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The README's mutual TLS quick start, as a new user copies it: its YAML, with only the file paths pointed at test
 * certificates, serves Tomcat over mutual TLS. {@code DocumentationSnippetTests} only binds it; this runs it.
 */
class ReadmeQuickStartTests {

	private static final TestPeers peers = new TestPeers();

	private static ConfigurableApplicationContext tomcat;

	@BeforeAll
	static void startTheQuickStart() throws IOException {
		String yaml = quickStart("## Quick start: mutual TLS on Tomcat")
			.replace("file:/etc/app/tls.crt", "file:" + peers.file("server.crt"))
			.replace("file:/etc/app/tls.key", "file:" + peers.file("server.key"))
			.replace("file:/etc/app/clients-ca.pem", "file:" + peers.file("ca.crt"));
		assertThat(yaml).as("the quick start names only files this test replaces").doesNotContain("/etc/app");
		tomcat = TestApplications.TOMCAT.run(properties(yaml));
	}

	@AfterAll
	static void stop() {
		if (tomcat != null) {
			tomcat.close();
		}
		peers.close();
	}

	@Test
	void aClientWithACertificateFromTheClientsCaIsServedAndSeen() throws Exception {
		HttpResponse<String> response = peers.get(TestApplications.port(tomcat), true, HttpClient.Version.HTTP_1_1);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("CN=client");
	}

	@Test
	void aClientWithoutOneIsRefused() {
		assertThatException()
			.isThrownBy(() -> peers.get(TestApplications.port(tomcat), false, HttpClient.Version.HTTP_1_1))
			.isInstanceOf(IOException.class);
	}

	/** The first YAML block under {@code heading} in README.md. */
	private static String quickStart(String heading) throws IOException {
		String readme = Files.readString(Path.of("../README.md"));
		int section = readme.indexOf(heading + "\n");
		assertThat(section).as("README section '%s'", heading).isNotNegative();
		Matcher yaml = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
		assertThat(yaml.find(section)).as("a YAML block under '%s'", heading).isTrue();
		return yaml.group(1);
	}

	private static Map<String, String> properties(String yaml) throws IOException {
		Map<String, String> properties = new LinkedHashMap<>();
		new YamlPropertySourceLoader().load("README", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)))
			.forEach((source) -> {
				EnumerablePropertySource<?> enumerable = (EnumerablePropertySource<?>) source;
				for (String name : enumerable.getPropertyNames()) {
					properties.put(name, String.valueOf(enumerable.getProperty(name)));
				}
			});
		return properties;
	}

}
