package dev.tlsboot.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.material.KeyMaterial;
import dev.tlsboot.core.status.CertificateInfo;
import dev.tlsboot.sample.CertificateRequestService.Limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The request service on a real TLS socket on 127.0.0.1, its PKI in a temporary directory. */
@ExtendWith(OutputCaptureExtension.class)
class CertificateRequestServiceTests {

	private static final Limits LIMITS = new Limits(Duration.ofSeconds(10), 16, 4);

	@TempDir
	Path directory;

	private RequestServiceFixture service;

	private SampleKeys keys;

	private TlsContext client;

	@BeforeEach
	void start() {
		start(LIMITS);
	}

	private void start(Limits limits) {
		this.service = new RequestServiceFixture(this.directory, limits);
		this.keys = this.service.keys();
		this.client = this.service.client();
	}

	@AfterEach
	void stop() {
		this.service.close();
	}

	private void restart(Limits limits) {
		stop();
		start(limits);
	}

	@Test
	void answersWithExactlyTheAnnouncedBytesOfAKeyAndItsCertificate() throws Exception {
		try (SSLSocket socket = send("certificate alice alice@example.com\n")) {
			InputStream in = socket.getInputStream();
			String[] header = readLine(in).split(" ");
			assertThat(header).hasSize(3);
			assertThat(header[0]).isEqualTo("true");
			String key = new String(in.readNBytes(Integer.parseInt(header[1])), StandardCharsets.US_ASCII);
			String certificate = new String(in.readNBytes(Integer.parseInt(header[2])), StandardCharsets.US_ASCII);
			assertThat(in.read()).as("nothing after the certificate").isEqualTo(-1);
			assertThat(key).startsWith("-----BEGIN PRIVATE KEY-----").endsWith("-----END PRIVATE KEY-----\n");
			assertThat(certificate).startsWith("-----BEGIN CERTIFICATE-----").endsWith("-----END CERTIFICATE-----\n");
			KeyMaterial material = KeyMaterial.fromPem(certificate, key, null);
			CertificateInfo info = CertificateInfo.of(material.leaf());
			assertThat(info.subject()).isEqualTo("CN=alice");
			assertThat(info.subjectAltName()).containsExactly("email:alice@example.com");
			assertThat(info.issuer()).isEqualTo("CN=TLS Boot Sample CA");
			material.leaf().verify(this.client.trustAnchors().get(0).getPublicKey());
			assertThat(this.keys.issuedCertificate("alice")).hasContent(certificate);
		}
		assertThat(files()).filteredOn((file) -> file.toString().endsWith(".key"))
			.as("the client's key is never stored")
			.containsExactlyInAnyOrder(Path.of("ca.key"), Path.of("server1.key"));
	}

	@Test
	void theClientReadsWhatTheServiceSends() throws Exception {
		Credentials credentials = requestClient().request(new CertificateRequest("carol", "carol@localhost"))
			.orElseThrow();
		X509Certificate leaf = KeyMaterial
			.fromPem(credentials.certificatePem(), credentials.privateKeyPem(), null)
			.leaf();
		assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=carol");
	}

	@Test
	void refusesASecondRequestForTheSameName() throws Exception {
		CertificateRequestClient requests = requestClient();
		assertThat(requests.request(new CertificateRequest("dave", "dave@example.com"))).isPresent();
		String issued = Files.readString(this.keys.issuedCertificate("dave"));
		assertThat(requests.request(new CertificateRequest("dave", "other@example.com"))).isEmpty();
		assertThat(this.keys.issuedCertificate("dave")).as("the first certificate stays").hasContent(issued);
	}

	@ParameterizedTest
	@MethodSource("hostileLines")
	void refusesHostileNamesAndWritesNothing(String line) throws Exception {
		List<Path> before = files();
		try (SSLSocket socket = send(line + "\n")) {
			InputStream in = socket.getInputStream();
			assertThat(readLine(in)).isEqualTo("false 0 0");
			assertThat(in.read()).isEqualTo(-1);
		}
		assertThat(files()).isEqualTo(before);
		assertThat(this.directory.resolveSibling("x.crt")).doesNotExist();
	}

	static Stream<String> hostileLines() {
		return Stream.of("certificate ../x x@example.com", "certificate ../../x x@example.com",
				"certificate " + "a".repeat(200) + " x@example.com", "certificate x y z@example.com",
				"certificate  x@example.com", "certificate x", "certificate x ../x@example.com",
				"certificate -rf x@example.com", "hello", "x".repeat(1000));
	}

	@ParameterizedTest
	@EnumSource(SlowClient.Kind.class)
	void closesAConnectionAtItsDeadlineHoweverItKeepsSending(SlowClient.Kind kind) throws Exception {
		restart(new Limits(Duration.ofSeconds(1), 16, 4));
		try (SlowClient slow = SlowClient.connect(kind, InetAddress.getLoopbackAddress(), this.service)) {
			assertThat(slow.closedByService(Duration.ofMillis(200), Duration.ofSeconds(5)))
				.as("closed while sending a byte every 200 ms").isTrue();
		}
		assertThat(this.service.dropped(DropReason.DEADLINE)).isEqualTo(1);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.service.open() == 0);
	}

	@Test
	void closesConnectionsOverTheLimitPerAddressCountsThemAndLogsOnce(CapturedOutput output) throws Exception {
		InetAddress busy = InetAddress.getByName("127.0.0.2");
		List<SlowClient> held = new ArrayList<>();
		try {
			for (int i = 0; i < LIMITS.connectionsPerAddress(); i++) {
				held.add(SlowClient.connect(SlowClient.Kind.SILENT, busy, this.service));
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> this.service.open() == held.size());
			for (int i = 0; i < 10; i++) {
				try (SlowClient turnedAway = SlowClient.connect(SlowClient.Kind.SILENT, busy, this.service)) {
					assertThat(turnedAway.closedByService(Duration.ofMillis(100), Duration.ofSeconds(5))).isTrue();
				}
			}
			assertThat(this.service.dropped(DropReason.ADDRESS_LIMIT)).isEqualTo(10);
			assertThat(this.service.open()).as("those admitted are still open").isEqualTo(held.size());
			assertThat(requestClient().request(new CertificateRequest("frank", "frank@example.com")))
				.as("another address is served").isPresent();
		}
		finally {
			for (SlowClient client : held) {
				client.close();
			}
		}
		assertThat(output.getOut()).containsOnlyOnce("Closed the certificate request connection from /127.0.0.2:")
			.contains("over sample.request-connections-per-address (4) (more are summarized every 60 s)");
	}

	@Test
	void closesConnectionsOverTheLimitInAll() throws Exception {
		restart(new Limits(Duration.ofSeconds(10), 3, 4));
		List<SlowClient> held = new ArrayList<>();
		try {
			for (int i = 2; i < 5; i++) {
				held.add(SlowClient.connect(SlowClient.Kind.SILENT, InetAddress.getByName("127.0.0." + i),
						this.service));
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> this.service.open() == held.size());
			try (SlowClient turnedAway = SlowClient.connect(SlowClient.Kind.SILENT,
					InetAddress.getByName("127.0.0.5"), this.service)) {
				assertThat(turnedAway.closedByService(Duration.ofMillis(100), Duration.ofSeconds(5))).isTrue();
			}
			assertThat(this.service.dropped(DropReason.CONNECTION_LIMIT)).isEqualTo(1);
		}
		finally {
			for (SlowClient client : held) {
				client.close();
			}
		}
	}

	private SSLSocket send(String text) throws IOException {
		SSLSocket socket = this.client.connect("localhost", this.service.port());
		socket.setSoTimeout(10_000);
		socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		return socket;
	}

	private CertificateRequestClient requestClient() {
		return this.service.requestClient();
	}

	/** Every file in the key directory, relative to it, sorted. */
	private List<Path> files() throws IOException {
		try (Stream<Path> files = Files.walk(this.directory)) {
			return files.filter(Files::isRegularFile).map(this.directory::relativize).sorted().toList();
		}
	}

	/** A line as the test reads it: bytes up to the line feed, independently of {@link RequestProtocol}. */
	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			assertThat(b).as("a complete line").isNotNegative();
			line.write(b);
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

}
