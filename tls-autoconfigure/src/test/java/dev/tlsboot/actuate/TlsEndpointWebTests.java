package dev.tlsboot.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import dev.tlsboot.autoconfigure.LoopbackConnection;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.pki.CertificateAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code tls} endpoint over HTTP, in an application with a real server on a random port, after real TLS
 * connections between its contexts: {@code server}, whose key is encrypted with {@code tls.password} and which
 * requires client certificates; {@code client}, a client with a certificate; and {@code default}, a client without
 * one, which the server refuses.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=tls,health",
				"management.endpoint.health.show-details=always",
				// Lettuce is on the test classpath for the Redis tests; no Redis runs here
				"management.health.redis.enabled=false",
				// Spring AMQP is there for the RabbitMQ tests; no broker runs here
				"management.health.rabbit.enabled=false" })
class TlsEndpointWebTests {

	private static final String PASSWORD = "s3cret-for-test";

	private static final Path dir = createDirectory();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	/** The hex session id of the client's session, which no answer may contain. */
	private static String sessionId;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void tlsProperties(DynamicPropertyRegistry registry) {
		CertificateAuthority ca = CertificateAuthority.root("Endpoint Test CA");
		ca.issueServer("localhost", "127.0.0.1").writeTo(dir, "server", PASSWORD.toCharArray());
		ca.issueClient("endpoint-client").writeTo(dir, "client", PASSWORD.toCharArray());
		write("ca.pem", ca.rootCertificatePem());
		registry.add("tls.cafile", () -> file("ca.pem"));
		registry.add("tls.password", () -> PASSWORD);
		registry.add("tls.contexts.server.certfile", () -> file("server.crt"));
		registry.add("tls.contexts.server.keyfile", () -> file("server.key"));
		registry.add("tls.contexts.server.require", () -> "true");
		registry.add("tls.contexts.client.certfile", () -> file("client.crt"));
		registry.add("tls.contexts.client.keyfile", () -> file("client.key"));
	}

	@BeforeAll
	static void connect(@Autowired TlsContexts contexts) throws IOException {
		try (LoopbackConnection connection = LoopbackConnection.open(contexts.get("server"), contexts.get("client"))) {
			sessionId = HexFormat.of().withUpperCase().formatHex(connection.client().getSession().getId());
		}
		LoopbackConnection.open(contexts.get("server"), contexts.get("client")).close();
		// TLS 1.3: the client completes its handshake, then reads the server's certificate_required alert
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> LoopbackConnection.open(contexts.get("server"), contexts.getDefault()));
		assertThat(sessionId).isNotEmpty();
	}

	@AfterAll
	static void deleteCertificates() throws IOException {
		FileSystemUtils.deleteRecursively(dir);
	}

	@Test
	void tlsShowsTheProviderProtocolsContextsAndConnectionCounts() throws Exception {
		JsonNode tls = get("/actuator/tls", 200);
		assertThat(tls.path("provider").path("name").asString()).isEqualTo("SunJSSE");
		assertThat(tls.path("provider").path("version").asString()).isNotEmpty();
		// tls.crypto-provider unset: the JDK's own first JCA provider (ACCP only ever runs in a child JVM)
		assertThat(tls.path("provider").path("cryptoProvider").asString()).startsWith("SUN ");
		assertThat(tls.path("protocols").toString()).contains("\"TLSv1.3\"", "\"TLSv1.2\"");
		JsonNode server = tls.path("contexts").path("server");
		assertThat(server.path("options").path("keyfile").asString()).isEqualTo(file("server.key"));
		assertThat(server.path("options").path("tls1.3").asBoolean()).isTrue();
		assertThat(server.path("options").path("require").path("server").asBoolean()).isTrue();
		assertThat(server.path("protocols").toString()).contains("TLSv1.3");
		assertThat(server.path("ciphers").toString()).contains("TLS_AES_128_GCM_SHA256", "ECDHE-");
		assertThat(server.path("provider").path("option").asString()).isEqualTo("jdk");
		assertThat(server.path("provider").path("sslContext").asString()).startsWith("SunJSSE ");
		assertThat(server.path("provider").path("netty").asString()).startsWith("SunJSSE ");
		JsonNode leaf = server.path("certificateChain").path(0);
		assertThat(leaf.path("subject").asString()).isEqualTo("CN=localhost");
		assertThat(leaf.path("daysLeft").asLong()).isBetween(360L, 366L);
		assertThat(leaf.path("validity").asString()).isEqualTo("VALID");
		assertThat(tls.path("contexts").path("client").path("trustAnchors").asInt()).isEqualTo(1);
		assertThat(tls.path("connections").path("CLOSED").asInt()).isGreaterThanOrEqualTo(4);
		assertThat(tls.path("connections").path("FAILED").asInt()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void connectionsListsTheRegistryFilteredByStateContextAndRole() throws Exception {
		JsonNode all = get("/actuator/tls/connections", 200);
		assertThat(all.path("maxTracked").asInt()).isEqualTo(1000);
		assertThat(all.path("connections").size()).isGreaterThanOrEqualTo(6);
		JsonNode clients = get("/actuator/tls/connections?context=client&role=client&state=closed", 200);
		assertThat(clients.path("connections").size()).isEqualTo(2);
		JsonNode client = clients.path("connections").path(0);
		assertThat(client.path("protocol").asString()).isEqualTo("TLSv1.3");
		assertThat(client.path("cipher").asString()).startsWith("TLS_AES_");
		assertThat(client.path("remoteAddress").asString()).startsWith("127.0.0.1:");
		assertThat(client.path("bytesOut").asLong()).isEqualTo(6);
		assertThat(client.path("peerSubject").asString()).isEqualTo("CN=localhost");
		JsonNode served = get("/actuator/tls/connections?context=server&state=closed", 200).path("connections").path(0);
		assertThat(served.path("peerSubject").asString()).isEqualTo("CN=endpoint-client");
		JsonNode failed = get("/actuator/tls/connections?state=FAILED&role=server", 200).path("connections").path(0);
		assertThat(failed.path("failure").path("explanation").path("cause").asString())
			.isEqualTo("CLIENT_CERTIFICATE_REQUIRED");
		get("/actuator/tls/connections?state=sleeping", 400);
	}

	@Test
	void connectionByIdHasItsStatusAndConnection() throws Exception {
		long id = get("/actuator/tls/connections?context=client", 200).path("connections").path(0).path("id").asLong();
		JsonNode details = get("/actuator/tls/connections/" + id, 200);
		assertThat(details.path("entry").path("id").asLong()).isEqualTo(id);
		JsonNode status = details.path("status");
		assertThat(status.path("protocol").asString()).isEqualTo("TLSv1.3");
		assertThat(status.path("cipher").asString()).startsWith("TLS_AES_");
		assertThat(status.path("certificate").path("subject").asString()).isEqualTo("CN=localhost");
		assertThat(status.path("verifyResult").toString()).isNotEqualTo("null");
		assertThat(details.path("localStatus").path("certificate").path("subject").asString())
			.isEqualTo("CN=endpoint-client");
		JsonNode connection = details.path("connection");
		assertThat(connection.path("protocol").asString()).isEqualTo("TLSv1.3");
		assertThat(connection.path("isServer").asBoolean()).isFalse();
		assertThat(connection.path("standardName").asString()).startsWith("TLS_AES_");
		get("/actuator/tls/connections/999999", 404);
		get("/actuator/tls/connections/nine", 404);
	}

	@Test
	void ciphersListsTheSuitesOfAProtocolWithOpenSslNames() throws Exception {
		JsonNode tls13 = get("/actuator/tls/ciphers/TLSv1.3", 200);
		assertThat(tls13.path("protocol").asString()).isEqualTo("TLSv1.3");
		List<String> names = new ArrayList<>();
		tls13.path("ciphers").forEach((cipher) -> names.add(cipher.path("name").asString()));
		assertThat(names).contains("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384")
			.allMatch((name) -> name.startsWith("TLS_"));
		JsonNode aes128 = tls13.path("ciphers").path(names.indexOf("TLS_AES_128_GCM_SHA256"));
		assertThat(aes128.path("id").asString()).isEqualToIgnoringCase("0x1301");
		assertThat(aes128.path("enabled").asBoolean()).isTrue();
		assertThat(aes128.path("contexts").toString()).contains("default", "server", "client");
		assertThat(get("/actuator/tls/ciphers/tls1.2", 200).path("ciphers").toString())
			.contains("ECDHE-ECDSA-AES128-GCM-SHA256")
			.doesNotContain("TLS_AES_128_GCM_SHA256");
		get("/actuator/tls/ciphers/TLSv9", 404);
	}

	@Test
	void noAnswerContainsASecret() throws Exception {
		List<String> answers = new ArrayList<>();
		answers.add(get("/actuator/tls", 200).toString());
		answers.add(get("/actuator/health", 200).toString());
		JsonNode connections = get("/actuator/tls/connections", 200);
		answers.add(connections.toString());
		for (JsonNode connection : connections.path("connections")) {
			answers.add(get("/actuator/tls/connections/" + connection.path("id").asLong(), 200).toString());
		}
		answers.add(get("/actuator/tls/ciphers/TLSv1.3", 200).toString());
		answers.add(get("/actuator/tls/ciphers/TLSv1.2", 200).toString());
		assertThat(answers).hasSizeGreaterThan(8).allSatisfy((answer) -> assertThat(answer)
			.doesNotContain("PRIVATE KEY", PASSWORD, sessionId)
			.doesNotContainIgnoringCase("master")
			.doesNotContainIgnoringCase("ticket"));
		assertThat(String.join("", answers)).contains("BEGIN CERTIFICATE", "BEGIN PUBLIC KEY", "sessionId");
	}

	@Test
	void healthHasTheTlsComponent() throws Exception {
		JsonNode tls = get("/actuator/health", 200).path("components").path("tls");
		assertThat(tls.path("status").asString()).isEqualTo("UP");
		assertThat(tls.path("details").path("contexts").path("server").path(0).path("daysLeft").asLong())
			.isGreaterThan(300);
	}

	private JsonNode get(String path, int expectedStatus) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(expectedStatus);
		return (expectedStatus == 200) ? json.readTree(response.body()) : null;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	// No database: spring-boot-jdbc is on the test class path for the PostgreSQL tests only
	@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
	static class Application {

	}

	private static Path createDirectory() {
		try {
			return Files.createTempDirectory("tls-endpoint-test");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void write(String name, String content) {
		try {
			Files.writeString(dir.resolve(name), content);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String file(String name) {
		return "file:" + dir.resolve(name);
	}

}
