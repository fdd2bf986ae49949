package dev.tlsboot.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.material.KeyMaterial;
import dev.tlsboot.core.status.CertificateInfo;

import static org.assertj.core.api.Assertions.assertThat;

/** The request service on a real TLS socket on 127.0.0.1, its PKI in a temporary directory. */
class CertificateRequestServiceTests {

	@TempDir
	Path directory;

	private SampleKeys keys;

	private CertificateRequestService service;

	private TlsContext client;

	@BeforeEach
	void start() {
		this.keys = new SampleKeys(this.directory);
		this.keys.ensure();
		TlsContext server = TlsContext.create("server1", TlsOptions.builder()
			.certfile(file(SampleKeys.SERVER + ".crt"))
			.keyfile(file(SampleKeys.SERVER + ".key"))
			.build());
		this.client = TlsContext.create("client", TlsOptions.builder().cafile(file(SampleKeys.CA + ".crt")).build());
		this.service = new CertificateRequestService(server.serverSocketFactory(), 0, this.keys);
		this.service.start();
	}

	@AfterEach
	void stop() {
		this.service.stop();
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
				"certificate  x@example.com", "certificate x", "certificate x ../x@example.com", "hello",
				"x".repeat(1000));
	}

	private SSLSocket send(String text) throws IOException {
		SSLSocket socket = this.client.connect("localhost", this.service.port());
		socket.setSoTimeout(10_000);
		socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		return socket;
	}

	private CertificateRequestClient requestClient() {
		return new CertificateRequestClient(this.client, "localhost", this.service.port());
	}

	/** Every file in the key directory, relative to it, sorted. */
	private List<Path> files() throws IOException {
		try (Stream<Path> files = Files.walk(this.directory)) {
			return files.filter(Files::isRegularFile).map(this.directory::relativize).sorted().toList();
		}
	}

	private String file(String name) {
		return "file:" + this.directory.resolve(name);
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
