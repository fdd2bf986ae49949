package dev.tlsboot.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.material.KeyMaterial;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.pki.CertificateAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

/**
 * The whole sample on random ports of 127.0.0.1, its keys in a temporary directory: the self-check at startup, a
 * client that requests a certificate and calls the API with it, and the tls endpoint on the management port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.request-port=0", "management.server.port=0", "tls.reload.quiet-period=500ms" })
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext // closed with the class, before its key directory is deleted, so no file watcher looks for it
class SampleApplicationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@TempDir
	static Path directory;

	@LocalServerPort
	int apiPort;

	@LocalManagementPort
	int managementPort;

	@Autowired
	CertificateRequestService requestService;

	@Autowired
	TlsContexts contexts;

	@Autowired
	SelfCheck selfCheck;

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) {
		registry.add("sample.keys", () -> directory.resolve("keys").toString());
		registry.add("sample.client.keys", () -> directory.resolve("keys-client").toString());
	}

	@Test
	void selfCheckCalledTheApiWithTheCertificateItRequested() throws IOException {
		SelfCheck.Report report = this.selfCheck.check();
		assertThat(report.certificate()).endsWith("sample-client.crt (issued earlier)");
		assertThat(report.response().getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(report.response().getBody()).matches("Clock: \\d+; Client: sample-client");
		assertThat(report.tls().protocol()).isEqualTo("TLSv1.3");
		assertThat(report.tls().certificate().subject()).isEqualTo("CN=localhost");
		assertThat(directory.resolve("keys/issued/sample-client.crt")).exists();
		assertThat(directory.resolve("keys-client/sample-client.key")).exists();
	}

	@Test
	void aClientRequestsACertificateCallsTheApiAndTheEndpointShowsItsConnection() throws Exception {
		Credentials credentials = new CertificateRequestClient(this.contexts.getDefault(), "localhost",
				this.requestService.port())
			.request(new CertificateRequest("flow-client", "flow@example.com"))
			.orElseThrow();
		TlsContext client = TlsContext.create("flow-client", TlsOptions.defaults(),
				new TlsMaterial(
						KeyMaterial.fromPem(credentials.certificatePem(), credentials.privateKeyPem(), null),
						this.contexts.getDefault().trustAnchors()));

		HttpResponse<String> response = get(client, "https://localhost:" + this.apiPort + "/test");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/plain"));
		assertThat(response.body()).matches("Clock: \\d+; Client: flow-client");

		String connections = management("/actuator/tls/connections?context=server1&role=server");
		List<String> clients = new ArrayList<>();
		for (int id : JsonPath.<List<Integer>>read(connections, "$.connections[*].id")) {
			// Refused handshakes have no peer certificate, hence a list of them
			String connection = management("/actuator/tls/connections/" + id);
			clients.addAll(JsonPath.read(connection, "$.status[?(@.certificate)].certificate.subject"));
		}
		assertThat(clients).contains("CN=flow-client", "CN=sample-client");
	}

	@Test
	void refusesAClientWithoutCertificate() {
		assertThatIOException().isThrownBy(
				() -> get(this.contexts.getDefault(), "https://localhost:" + this.apiPort + "/test"));
	}

	@Test
	void refusesAClientCertificateFromAnotherCa() {
		CertificateAuthority other = CertificateAuthority.root("Other CA");
		TlsContext client = TlsContext.create("other-ca-client", TlsOptions.defaults(),
				new TlsMaterial(other.issueClient("mallory").keyMaterial(),
						this.contexts.getDefault().trustAnchors()));
		assertThatIOException().isThrownBy(() -> get(client, "https://localhost:" + this.apiPort + "/test"));
	}

	@Test
	void theClientContextIsReloadedOnceForTheCertificateTheSelfCheckSaved(CapturedOutput output) {
		// The self-check reloads; the file watcher saw the files change, and would reload them again once they are
		// quiet (500 ms here)
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.until(() -> occurrences(output.getOut(), "Reloaded TlsContext 'client'") == 1);
	}

	@Test
	void theMetricsEndpointShowsTheRequestServicesConnections() throws Exception {
		String dropped = management("/actuator/metrics/" + CertificateRequestService.DROPPED_METRIC);
		assertThat(JsonPath.<List<String>>read(dropped, "$.availableTags[?(@.tag == 'reason')].values[*]"))
			.containsExactlyInAnyOrder("connection-limit", "address-limit", "deadline");
		String open = management("/actuator/metrics/" + CertificateRequestService.OPEN_METRIC);
		assertThat(JsonPath.<List<Double>>read(open, "$.measurements[*].value")).hasSize(1);
	}

	@Test
	void theSelfCheckPrintedWhatItNegotiated(CapturedOutput output) {
		assertThat(output.getOut()).contains("TLS Boot sample: the client 'sample-client'")
			.containsPattern("body {8}: Clock: \\d+; Client: sample-client")
			.contains("server cert : CN=localhost");
	}

	private static int occurrences(String text, String part) {
		return text.split(Pattern.quote(part), -1).length - 1;
	}

	private String management(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + path))
				.timeout(TIMEOUT)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	private static HttpResponse<String> get(TlsContext tls, String url) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder()
			.sslContext(tls.sslContext())
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(TIMEOUT)
			.build();
		return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
