package dev.tlsboot.sample;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.option.TlsRole;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.observe.TrackedConnection.State;
import dev.tlsboot.core.status.TlsStatus;

/**
 * The client of TclTLS's example, run once at startup: it asks the certificate request service for a certificate
 * unless it has one ({@code sample.client.*}), saves it where the TLS context {@value #CLIENT_CONTEXT} reads it
 * and reloads that context, calls {@code GET /test} through a WebClient that only {@code tls.client.context}
 * configures, and prints the answer with the TLS status the registry recorded for that call. On the server it checks itself (turn it off with
 * {@code sample.self-check=false}); with the {@value SampleApplication#CLIENT_PROFILE} profile it is the whole run.
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.self-check", matchIfMissing = true)
class SelfCheck implements CommandLineRunner {

	/** The TLS context of the client: trusts the CA, and presents the client certificate once it has one. */
	static final String CLIENT_CONTEXT = "client";

	private static final String HOST = "localhost";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final SampleProperties.Client client;

	private final int requestPort;

	private final TlsContext context;

	private final ConnectionRegistry registry;

	private final WebClient webClient;

	private final ObjectProvider<CertificateRequestService> requestService;

	private final Environment environment;

	SelfCheck(SampleProperties properties, TlsContexts contexts, ConnectionRegistry registry,
			WebClient.Builder webClient, ObjectProvider<CertificateRequestService> requestService,
			Environment environment) {
		this.client = properties.client();
		this.requestPort = properties.requestPort();
		this.context = contexts.get(CLIENT_CONTEXT);
		this.registry = registry;
		this.webClient = webClient.build();
		this.requestService = requestService;
		this.environment = environment;
	}

	@Override
	public void run(String... args) throws IOException {
		check().print(System.out);
	}

	/**
	 * Get a certificate if there is none, then call the API with it.
	 * @return what happened
	 * @throws IOException when the certificate request or the files fail
	 */
	Report check() throws IOException {
		String certificate = ensureCertificate();
		if (certificate == null) {
			return Report.refused(this.client.name());
		}
		int apiPort = apiPort();
		String url = "https://" + HOST + ":" + apiPort + "/test";
		ResponseEntity<String> response = this.webClient.get()
			.uri(url)
			.exchangeToMono((answer) -> answer.toEntity(String.class))
			.block(TIMEOUT);
		return new Report(this.client.name(), certificate, url, response, statusOfCallTo(apiPort).orElse(null));
	}

	/** Where the certificate came from, or {@code null} when the service refused to issue one. */
	private String ensureCertificate() throws IOException {
		if (Files.exists(this.client.certificateFile()) && Files.exists(this.client.keyFile())) {
			return this.client.certificateFile() + " (issued earlier)";
		}
		Optional<Credentials> credentials = new CertificateRequestClient(this.context, HOST, requestPort())
			.request(this.client.request());
		if (credentials.isEmpty()) {
			return null;
		}
		credentials.get().save(this.client.certificateFile(), this.client.keyFile());
		// Certificate rotation (tls.reload) would load the files too, once they are quiet; reloading now lets the
		// call below present the certificate, and the file watcher does not read the same files a second time.
		this.context.reload();
		return "requested from " + HOST + ":" + requestPort() + ", saved to " + this.client.certificateFile();
	}

	/** The peer's status of the newest connection this client made to the API, as the tls endpoint shows it. */
	private Optional<TlsStatus> statusOfCallTo(int port) {
		return this.registry.connections(null, CLIENT_CONTEXT, TlsRole.CLIENT)
			.stream()
			.filter((connection) -> connection.state() != State.FAILED && connection.remoteAddress() != null
					&& connection.remoteAddress().getPort() == port)
			.max(Comparator.comparingLong(TrackedConnection::id))
			.flatMap(TrackedConnection::status);
	}

	/** The request service's port: this application's own, else {@code sample.request-port}. */
	private int requestPort() {
		CertificateRequestService service = this.requestService.getIfAvailable();
		return (service != null) ? service.port() : this.requestPort;
	}

	/** The API's port: this application's own server's, else {@code server.port}. */
	private int apiPort() {
		Integer local = this.environment.getProperty("local.server.port", Integer.class);
		return (local != null) ? local : this.environment.getRequiredProperty("server.port", Integer.class);
	}

	/**
	 * What the self-check did.
	 *
	 * @param name the client's common name
	 * @param certificate where its certificate came from, or {@code null} when the service refused one
	 * @param url the URL called, or {@code null} when there was no certificate to call with
	 * @param response the answer, or {@code null} when there was none
	 * @param tls the TLS status of the call (the server's side), or {@code null} when none was recorded
	 */
	record Report(String name, String certificate, String url, ResponseEntity<String> response, TlsStatus tls) {

		static Report refused(String name) {
			return new Report(name, null, null, null, null);
		}

		void print(PrintStream out) {
			out.println("TLS Boot sample: the client '" + this.name + "'");
			if (this.certificate == null) {
				out.println("  certificate : refused: a certificate for '" + this.name + "' was issued before; "
						+ "delete it from the server's issued/ or set sample.client.name");
				return;
			}
			out.println("  certificate : " + this.certificate);
			out.println("  GET         : " + this.url + " -> " + this.response.getStatusCode());
			out.println("  body        : " + this.response.getBody());
			if (this.tls != null) {
				out.println("  protocol    : " + this.tls.protocol());
				out.println("  cipher      : " + this.tls.cipher());
				out.println("  alpn        : " + this.tls.alpn());
				out.println("  server cert : " + this.tls.certificate().subject());
			}
		}

	}

}
