package dev.tlsboot.autoconfigure.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLSocket;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.test.TestCertificates;

/**
 * The certificates of the server tests, their {@code tls.*} properties, and the clients that call the servers: the
 * JDK's HttpClient over a TLS Boot context, and raw TLS Boot sockets that report what the handshake chose.
 */
final class TestPeers implements AutoCloseable {

	static final String API = "api.example.test";

	static final String WILDCARD = "*.example.test";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final TestCertificates certificates = TestCertificates.create();

	TestPeers() {
		issue("api", API);
		issue("wildcard", WILDCARD);
	}

	private void issue(String name, String host) {
		IssuedCertificate issued = this.certificates.ca().issueServer(host);
		issued.writeTo(this.certificates.directory(), name);
	}

	/**
	 * The server's properties: the default context with the server certificate (CN localhost) and trust in the test
	 * CA, contexts {@code api} and {@code wildcard} with their own certificates, and the given settings.
	 */
	Map<String, String> properties(String... settings) {
		Map<String, String> properties = new LinkedHashMap<>(this.certificates.properties("tls", "server"));
		for (String name : List.of("api", "wildcard")) {
			properties.put("tls.contexts." + name + ".certfile", this.certificates.location(name + ".crt"));
			properties.put("tls.contexts." + name + ".keyfile", this.certificates.location(name + ".key"));
		}
		for (String setting : settings) {
			int equals = setting.indexOf('=');
			properties.put(setting.substring(0, equals), setting.substring(equals + 1));
		}
		return properties;
	}

	/** Properties mapping {@link #API} to {@code api} and {@link #WILDCARD} to {@code wildcard} by SNI. */
	static String[] sni() {
		return new String[] { "tls.server.sni." + API + "=api", "tls.server.sni.[" + WILDCARD + "]=wildcard" };
	}

	Path file(String name) {
		return this.certificates.file(name);
	}

	/**
	 * {@code GET https://127.0.0.1:port/} with the JDK's HttpClient.
	 * @param withCertificate whether the client presents its certificate (CN client)
	 * @param version the HTTP version the client asks for
	 * @return the response
	 */
	HttpResponse<String> get(int port, boolean withCertificate, HttpClient.Version version)
			throws IOException, InterruptedException {
		TlsContext client = withCertificate ? this.certificates.clientContext(TlsOptions.builder())
				: TlsContext.create("anonymous", TlsOptions.builder().build(),
						new TlsMaterial(null, List.of(this.certificates.ca().rootCertificate())));
		HttpClient http = HttpClient.newBuilder()
			.sslContext(client.sslContext())
			.version(version)
			.connectTimeout(TIMEOUT)
			.build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/"))
			.timeout(TIMEOUT)
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Handshake with a TLS Boot client socket that presents its certificate and offers h2 and http/1.1.
	 * @param servername the SNI name to send, or {@code null} for none
	 * @return what the handshake chose
	 */
	Handshake handshake(int port, String servername) throws IOException {
		TlsOptions.Builder options = TlsOptions.builder().alpn("h2", "http/1.1");
		if (servername != null) {
			options.servername(servername);
		}
		try (SSLSocket socket = this.certificates.clientContext(options).connect("127.0.0.1", port)) {
			X509Certificate peer = (X509Certificate) socket.getSession().getPeerCertificates()[0];
			return new Handshake(peer.getSubjectX500Principal().getName(), socket.getApplicationProtocol());
		}
	}

	/**
	 * {@code GET /} over HTTP/1.1 on a TLS Boot client socket that presents its certificate, reading the whole answer.
	 * @return the socket's local address
	 */
	InetSocketAddress getOnSocket(int port) throws IOException {
		try (SSLSocket socket = this.certificates.clientContext(TlsOptions.builder()).connect("127.0.0.1", port)) {
			OutputStream out = socket.getOutputStream();
			out.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			socket.getInputStream().readAllBytes();
			return (InetSocketAddress) socket.getLocalSocketAddress();
		}
	}

	@Override
	public void close() {
		this.certificates.close();
	}

	/** What a handshake chose: the server's certificate subject and the ALPN protocol ("" for none). */
	record Handshake(String subject, String alpn) {
	}

}
