package dev.tlsboot.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.pki.CertificateAuthority;

/**
 * Debian's {@code pebble}, Let's Encrypt's ACME test server, on 127.0.0.1 high ports, with
 * {@code pebble-challtestsrv} as its DNS, answering every name with 127.0.0.1, so that it validates challenges
 * against the application under test: http-01 on {@link #httpPort()}, tls-alpn-01 on {@link #tlsPort()}. Real
 * validation ({@code PEBBLE_VA_ALWAYS_VALID} unset) without its random sleeps ({@code PEBBLE_VA_NOSLEEP=1}), with
 * its default 5 % of good nonces rejected. Its HTTPS certificate is issued by a CA the test makes (Debian ships
 * none); {@link #clientContext()} trusts it. Started once per test class, stopped in {@code @AfterAll}.
 */
public final class Pebble implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final Path directory;

	private final int acmePort;

	private final int managementPort;

	private final int dnsPort;

	private final int httpPort;

	private final int tlsPort;

	private final Path caFile;

	private final TlsContext clientContext;

	private final List<Process> processes = new ArrayList<>();

	private Process pebble;

	private Pebble(Path directory, int httpPort, int tlsPort) throws IOException {
		this.directory = directory;
		this.acmePort = OpenSslCli.freePort();
		this.managementPort = OpenSslCli.freePort();
		this.dnsPort = OpenSslCli.freePort();
		this.httpPort = httpPort;
		this.tlsPort = tlsPort;
		CertificateAuthority ca = CertificateAuthority.root("Pebble test CA");
		ca.issueServer("localhost", "127.0.0.1").writeTo(directory, "pebble");
		this.caFile = directory.resolve("pebble-ca.crt").toAbsolutePath();
		Files.writeString(this.caFile, ca.rootCertificatePem());
		this.clientContext = TlsContext.create("acme-client",
				TlsOptions.builder().cafile("file:" + this.caFile).build());
	}

	/** Skip the test unless Debian's {@code pebble} and {@code pebble-challtestsrv} are installed. */
	public static void assumeAvailable() {
		Assumptions.assumeTrue(onPath("pebble") && onPath("pebble-challtestsrv"),
				"pebble is not installed: ACME test skipped (apt-get install pebble; .ci/run installs it)");
	}

	private static boolean onPath(String command) {
		for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			if (Files.isExecutable(Path.of(entry, command))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Start DNS and Pebble.
	 * @param directory a directory of the test's own
	 * @param httpPort where Pebble validates http-01 challenges
	 * @param tlsPort where Pebble validates tls-alpn-01 challenges
	 * @param validity how long the certificates it issues are valid
	 */
	public static Pebble start(Path directory, int httpPort, int tlsPort, Duration validity) throws IOException {
		Pebble pebble = new Pebble(directory, httpPort, tlsPort);
		try {
			pebble.startDns();
			pebble.writeConfig(validity);
			pebble.startPebble();
		}
		catch (IOException | RuntimeException ex) {
			pebble.close();
			throw ex;
		}
		return pebble;
	}

	private void startDns() throws IOException {
		Process dns = launch("challtestsrv.log", "pebble-challtestsrv", "-dns01", "127.0.0.1:" + this.dnsPort,
				"-http01", "", "-https01", "", "-tlsalpn01", "", "-management",
				"127.0.0.1:" + OpenSslCli.freePort(), "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "");
		this.processes.add(dns);
	}

	private void writeConfig(Duration validity) throws IOException {
		Files.writeString(this.directory.resolve("pebble.json"), """
				{"pebble": {
				  "listenAddress": "127.0.0.1:%d",
				  "managementListenAddress": "127.0.0.1:%d",
				  "certificate": "%s",
				  "privateKey": "%s",
				  "httpPort": %d,
				  "tlsPort": %d,
				  "ocspResponderURL": "",
				  "externalAccountBindingRequired": false,
				  "certificateValidityPeriod": %d
				}}
				""".formatted(this.acmePort, this.managementPort, this.directory.resolve("pebble.crt"),
				this.directory.resolve("pebble.key"), this.httpPort, this.tlsPort, validity.toSeconds()));
	}

	/** Start Pebble (again, after {@link #stopPebble()}: a new root CA, and no account it knew before). */
	public void startPebble() throws IOException {
		this.pebble = launch("pebble.log", "pebble", "-config", this.directory.resolve("pebble.json").toString(),
				"-dnsserver", "127.0.0.1:" + this.dnsPort);
		awaitListening(this.acmePort);
		awaitListening(this.managementPort);
	}

	/** Start Pebble again if a test stopped it and failed before it started it again. */
	public void startPebbleIfStopped() throws IOException {
		if (this.pebble == null) {
			startPebble();
		}
	}

	/** Stop Pebble, keeping its DNS. */
	public void stopPebble() {
		if (this.pebble != null) {
			stop(this.pebble);
			this.pebble = null;
		}
	}

	private Process launch(String log, String... command) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve(log).toFile()));
		builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
		builder.environment().remove("PEBBLE_VA_ALWAYS_VALID");
		return builder.start();
	}

	private void awaitListening(int port) throws IOException {
		Instant deadline = Instant.now().plus(TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return;
			}
			catch (IOException ex) {
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw new IOException(interrupted);
				}
			}
		}
		throw new IllegalStateException("pebble did not listen on " + port + " within " + TIMEOUT + ": "
				+ log());
	}

	/** What Pebble has logged: each order, authorization and validation. */
	public String log() throws IOException {
		Path log = this.directory.resolve("pebble.log");
		return Files.exists(log) ? Files.readString(log) : "";
	}

	/** The ACME directory URL. */
	public String directoryUrl() {
		return "https://127.0.0.1:" + this.acmePort + "/dir";
	}

	/** Where Pebble validates http-01 challenges. */
	public int httpPort() {
		return this.httpPort;
	}

	/** Where Pebble validates tls-alpn-01 challenges. */
	public int tlsPort() {
		return this.tlsPort;
	}

	/** A client context that trusts Pebble's HTTPS certificate: {@code client-context}. */
	public TlsContext clientContext() {
		return this.clientContext;
	}

	/** The CA of Pebble's own HTTPS certificate, as a PEM file: what a client context's {@code cafile} names. */
	public Path caFile() {
		return this.caFile;
	}

	/**
	 * The root of the certificates Pebble issues, from its management port ({@code /roots/0}), written to a PEM file
	 * for {@code openssl s_client -CAfile}.
	 * @return the file, in Pebble's directory
	 */
	public Path writeRoot() throws IOException, InterruptedException, GeneralSecurityException {
		HttpClient client = HttpClient.newBuilder().sslContext(this.clientContext.sslContext()).build();
		HttpResponse<String> response = client.send(HttpRequest
			.newBuilder(URI.create("https://127.0.0.1:" + this.managementPort + "/roots/0"))
			.timeout(TIMEOUT)
			.build(), HttpResponse.BodyHandlers.ofString());
		// Parsed first, so a body that is no certificate fails here rather than in openssl.
		CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.US_ASCII)));
		Path root = this.directory.resolve("pebble-root.pem");
		Files.writeString(root, response.body());
		return root;
	}

	@Override
	public void close() {
		stopPebble();
		this.processes.forEach(Pebble::stop);
	}

	private static void stop(Process process) {
		process.destroy();
		try {
			if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
