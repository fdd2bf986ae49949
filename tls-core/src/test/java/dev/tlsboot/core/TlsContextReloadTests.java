package dev.tlsboot.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsRole;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Certificate rotation without a restart: the next handshake gets the new certificate, a bad one is refused. */
class TlsContextReloadTests {

	private final CertificateAuthority ca = CertificateAuthority.root("Reload Test CA");

	private final Path directory = issueServer(createTempDirectory());

	/** The provider every context of these tests runs on; {@link ConscryptProviderTests} runs them on Conscrypt. */
	TlsImplementation provider() {
		return TlsImplementation.JDK;
	}

	TlsOptions.Builder options() {
		return TlsOptions.builder().provider(provider());
	}

	private final TlsContext server = TlsContext.create("server", options()
		.certfile(file("server.crt").toString())
		.keyfile(file("server.key").toString())
		.build());

	private final TlsContext client = TlsContext.create("client", options().build(),
			new TlsMaterial(null, List.of(this.ca.rootCertificate())));

	@AfterEach
	void deleteCertificates() throws IOException {
		try (var files = Files.walk(this.directory)) {
			for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	private static Path createTempDirectory() {
		try {
			return Files.createTempDirectory("tls-boot-reload-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Path issueServer(Path directory) {
		this.ca.issueServer("localhost", "127.0.0.1").writeTo(directory, "server");
		return directory;
	}

	/** A new server certificate (new key, new serial) in place of {@code server.crt} and {@code server.key}. */
	private IssuedCertificate rotateServer() {
		IssuedCertificate issued = this.ca.issueServer("localhost", "127.0.0.1");
		issued.writeTo(this.directory, "server");
		return issued;
	}

	private Path file(String name) {
		return this.directory.resolve(name);
	}

	@Test
	void nextHandshakeGetsTheRotatedCertificateWhileAnOpenConnectionKeepsWorking() throws Exception {
		try (LoopbackTlsServer loopback = LoopbackTlsServer.start(this.server);
				SSLSocket before = this.client.connect("localhost", loopback.port())) {
			BigInteger first = serial(before);
			IssuedCertificate rotated = rotateServer();
			this.server.reload();
			try (SSLSocket after = this.client.connect("localhost", loopback.port())) {
				assertThat(serial(after)).isEqualTo(rotated.certificate().getSerialNumber()).isNotEqualTo(first);
			}
			assertThat(TlsContextHandshakeTests.exchange(before, "still here")).isEqualTo("STILL HERE");
			assertThat(this.server.certificateChain().get(0)).isEqualTo(rotated.certificate());
		}
	}

	@Test
	void variantsFollowTheirParentsReload() throws Exception {
		TlsContext web = this.server.toBuilder(this.server.options().toBuilder().require(true).build()).build();
		TlsContext sni = this.server.withServerNames(Map.of());
		IssuedCertificate rotated = rotateServer();
		this.server.reload();
		assertThat(web.certificateChain().get(0)).isEqualTo(rotated.certificate());
		assertThat(sni.certificateChain().get(0)).isEqualTo(rotated.certificate());
		assertThat(web.options().require(TlsRole.SERVER)).isTrue();
	}

	@Test
	void truncatedKeyIsRefusedAndTheOldCertificateKeepsServing() throws Exception {
		String key = Files.readString(file("server.key"));
		Files.writeString(file("server.key"), key.substring(0, key.length() / 2));
		assertRefusedAndOldStillServed("keyfile");
	}

	@Test
	void keyOfAnotherCertificateIsRefusedAndTheOldCertificateKeepsServing() throws Exception {
		Files.writeString(file("server.key"), this.ca.issueServer("other").privateKeyPem());
		assertRefusedAndOldStillServed("does not belong to the certificate");
	}

	@Test
	void expiredCertificateIsRefusedAndTheOldCertificateKeepsServing() throws Exception {
		Instant end = Instant.now().minus(1, ChronoUnit.DAYS);
		IssuedCertificate expired = this.ca.issue().commonName("localhost").subjectAltNames("localhost")
			.serverAuth().validity(end.minus(30, ChronoUnit.DAYS), end).build();
		expired.writeTo(this.directory, "server");
		assertRefusedAndOldStillServed("expired on");
	}

	@Test
	void anExpiredCertificateNamedByTheOptionsNeverStartsServing() {
		Instant end = Instant.now().minus(1, ChronoUnit.DAYS);
		this.ca.issue().commonName("localhost").subjectAltNames("localhost").serverAuth()
			.validity(end.minus(30, ChronoUnit.DAYS), end).build().writeTo(this.directory, "expired");
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> TlsContext.create("expired", options().certfile(file("expired.crt").toString())
				.keyfile(file("expired.key").toString()).build()))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("certfile"))
			.satisfies((ex) -> assertThat(ex.location()).endsWith("expired.crt"))
			.withMessageContaining("the certificate 'CN=localhost' expired on " + end.truncatedTo(ChronoUnit.SECONDS))
			.withMessageContaining("Install a renewed certificate");
	}

	@Test
	void aCertificateNotYetValidNeverStartsServing() {
		Instant start = Instant.now().plus(1, ChronoUnit.DAYS);
		this.ca.issue().commonName("localhost").subjectAltNames("localhost").serverAuth()
			.validity(start, start.plus(30, ChronoUnit.DAYS)).build().writeTo(this.directory, "future");
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> TlsContext.create("future", options().certfile(file("future.crt").toString())
				.keyfile(file("future.key").toString()).build()))
			.withMessageContaining("is not valid before " + start.truncatedTo(ChronoUnit.SECONDS))
			.withMessageContaining("Check the system clock");
	}

	@Test
	void reloadListenersHearOfEachSuccessfulReloadOnly() throws Exception {
		List<TlsContext> heard = new CopyOnWriteArrayList<>();
		this.server.onReload(heard::add);
		rotateServer();
		this.server.reload();
		Files.writeString(file("server.key"), "garbage");
		assertThatExceptionOfType(TlsConfigurationException.class).isThrownBy(this.server::reload);
		assertThat(heard).containsExactly(this.server);
	}

	@Test
	void clientThatReloadsShowsItsNewCertificateOnItsNextConnection() throws Exception {
		Files.writeString(file("ca.pem"), this.ca.rootCertificatePem());
		this.ca.issueClient("before").writeTo(this.directory, "client");
		TlsContext mutual = TlsContext.create("mutual", options().certfile(file("server.crt").toString())
			.keyfile(file("server.key").toString())
			.cafile(file("ca.pem").toString())
			.require(true)
			.build());
		TlsContext client = TlsContext.create("client", options().certfile(file("client.crt").toString())
			.keyfile(file("client.key").toString())
			.cafile(file("ca.pem").toString())
			.build());
		try (LoopbackTlsServer loopback = LoopbackTlsServer.start(mutual)) {
			try (SSLSocket socket = client.connect("localhost", loopback.port())) {
				TlsContextHandshakeTests.exchange(socket, "before");
			}
			assertThat(loopback.nextAccepted().clientSubject()).isEqualTo("CN=before");
			this.ca.issueClient("after").writeTo(this.directory, "client");
			client.reload();
			// A resumed session would show the server the certificate of the handshake that made it
			try (SSLSocket socket = client.connect("localhost", loopback.port())) {
				TlsContextHandshakeTests.exchange(socket, "after");
			}
			assertThat(loopback.nextAccepted().clientSubject()).isEqualTo("CN=after");
		}
	}

	@Test
	void sessionCacheKeptOutsideTheContextIsEmptiedByItsReloads() throws Exception {
		TlsContext other = TlsContext.create("other", options().build(),
				new TlsMaterial(null, List.of(this.ca.rootCertificate())));
		SSLSessionContext sessions = other.sslContext().getClientSessionContext();
		try (LoopbackTlsServer loopback = LoopbackTlsServer.start(this.server);
				SSLSocket socket = other.connect("localhost", loopback.port())) {
			// A round trip, so that a TLS 1.3 client has read its session ticket
			TlsContextHandshakeTests.exchange(socket, "ticket");
		}
		assertThat(Collections.list(sessions.getIds())).extracting(sessions::getSession)
			.isNotEmpty()
			.allMatch(SSLSession::isValid);
		this.server.forgetSessionsOnReload(sessions);
		rotateServer();
		this.server.reload();
		assertThat(Collections.list(sessions.getIds())).extracting(sessions::getSession)
			.noneMatch((session) -> session != null && session.isValid());
	}

	@Test
	void optionalCertificateThatArrivesLaterIsServedAfterAReload() throws Exception {
		Path later = this.directory.resolve("later");
		TlsContext waiting = TlsContext.create("waiting", options()
			.certfile("optional:file:" + later.resolve("client.crt"))
			.keyfile("optional:file:" + later.resolve("client.key"))
			.castore("java")
			.build());
		assertThat(waiting.certificateChain()).isEmpty();
		this.ca.issueClient("late").writeTo(later, "client");
		waiting.reload();
		assertThat(waiting.certificateChain().get(0).getSubjectX500Principal().getName()).isEqualTo("CN=late");
	}

	@Test
	void contextBuiltFromMaterialInMemoryCannotReadFilesAgain() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this.client::reload)
			.withMessageContaining("reload(TlsMaterial)");
	}

	private void assertRefusedAndOldStillServed(String reason) throws IOException, InterruptedException {
		BigInteger serving = this.server.certificateChain().get(0).getSerialNumber();
		assertThatExceptionOfType(TlsConfigurationException.class).isThrownBy(this.server::reload)
			.withMessageContaining(reason);
		try (LoopbackTlsServer loopback = LoopbackTlsServer.start(this.server);
				SSLSocket socket = this.client.connect("localhost", loopback.port())) {
			assertThat(serial(socket)).isEqualTo(serving);
		}
	}

	private static BigInteger serial(SSLSocket socket) throws IOException {
		return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
	}

}
