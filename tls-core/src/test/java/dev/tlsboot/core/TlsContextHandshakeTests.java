package dev.tlsboot.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tlsboot.core.LoopbackTlsServer.Accepted;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.observe.HandshakeFailure;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsProtocol;
import dev.tlsboot.core.status.VerifyResult;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.pki.KeyType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Real handshakes on 127.0.0.1 between contexts built from options: what a client sends (SNI, ALPN), what it checks
 * (CA, host name, validity, security level) and how it says no.
 */
class TlsContextHandshakeTests {

	private static CertificateAuthority ca;

	private static IssuedCertificate localhost;

	@TempDir
	static Path dir;

	@BeforeAll
	static void issueCertificates() throws IOException {
		ca = CertificateAuthority.root("Handshake Test CA");
		localhost = ca.issueServer("localhost", "127.0.0.1");
		Files.writeString(dir.resolve("ca.pem"), ca.rootCertificatePem());
	}

	/** The provider every context of these tests runs on; {@link ConscryptProviderTests} runs them on Conscrypt. */
	TlsImplementation provider() {
		return TlsImplementation.JDK;
	}

	TlsOptions.Builder options() {
		return TlsOptions.builder().provider(provider());
	}

	@Test
	void clientSendsHostAsSniChecksTheNameAndTalks() throws Exception {
		try (LoopbackTlsServer server = LoopbackTlsServer.start(server(localhost, options()));
				SSLSocket socket = client(options()).connect("localhost", server.port())) {
			assertThat(exchange(socket, "hello")).isEqualTo("HELLO");
			Accepted accepted = server.nextAccepted();
			assertThat(accepted.serverName()).isEqualTo("localhost");
			assertThat(accepted.protocol()).isEqualTo("TLSv1.3");
			assertThat(VerifyResult.of(socket.getSession())).isEqualTo(new VerifyResult(true, null));
		}
	}

	@Test
	void ipLiteralIsCheckedAgainstIpSanAndNeverSentAsSni() throws Exception {
		try (LoopbackTlsServer server = LoopbackTlsServer.start(server(localhost, options()));
				SSLSocket socket = client(options()).connect("127.0.0.1", server.port())) {
			assertThat(exchange(socket, "ip")).isEqualTo("IP");
			assertThat(server.nextAccepted().serverName()).isNull();
		}
	}

	@Test
	void servernameOptionIsSentAndChecked() throws Exception {
		IssuedCertificate billing = ca.issueServer("billing.internal");
		try (LoopbackTlsServer server = LoopbackTlsServer.start(server(billing, options()));
				SSLSocket socket = client(options().servername("billing.internal")).connect("127.0.0.1",
						server.port())) {
			assertThat(exchange(socket, "billing")).isEqualTo("BILLING");
			assertThat(server.nextAccepted().serverName()).isEqualTo("billing.internal");
		}
	}

	@Test
	void autoservernameOffSendsNoSni() throws Exception {
		try (LoopbackTlsServer server = LoopbackTlsServer.start(server(localhost, options()));
				SSLSocket socket = client(options().autoservername(false)).connect("localhost",
						server.port())) {
			exchange(socket, "x");
			assertThat(server.nextAccepted().serverName()).isNull();
		}
	}

	@Test
	void alpnIsNegotiatedOnBothSidesWithTheServersPreference() throws Exception {
		try (LoopbackTlsServer server = LoopbackTlsServer
			.start(server(localhost, options().alpn("http/1.1", "h2")));
				SSLSocket socket = client(options().alpn("h2", "http/1.1")).connect("localhost",
						server.port())) {
			assertThat(socket.getApplicationProtocol()).isEqualTo("http/1.1");
			assertThat(server.nextAccepted().alpn()).isEqualTo("http/1.1");
		}
		try (LoopbackTlsServer server = LoopbackTlsServer.start(server(localhost, options().alpn("h2")));
				SSLSocket socket = client(options().alpn("h2", "http/1.1")).connect("localhost",
						server.port())) {
			assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
			assertThat(server.nextAccepted().alpn()).isEqualTo("h2");
		}
	}

	@Test
	void wrongHostNameIsRefusedNamingTheSansOffered() throws Exception {
		IssuedCertificate other = ca.issueServer("other.example");
		try (LoopbackTlsServer server = LoopbackTlsServer.start(server(other, options()))) {
			assertThatExceptionOfType(TlsHandshakeException.class)
				.isThrownBy(() -> client(options()).connect("localhost", server.port()))
				.satisfies((ex) -> assertThat(ex.failure().cause()).isEqualTo(Cause.HOSTNAME_MISMATCH))
				.withMessageContaining("host name 'localhost' does not match")
				.withMessageContaining("DNS:other.example");
		}
	}

	@Test
	void untrustedCaIsRefusedNamingTheIssuer() throws Exception {
		// The stranger sends its root too: a chain that ends at a CA, which is then plainly not trusted
		CertificateAuthority strangerCa = CertificateAuthority.root("Stranger CA");
		IssuedCertificate leaf = strangerCa.issueServer("localhost");
		IssuedCertificate stranger = new IssuedCertificate(leaf.keyPair(),
				List.of(leaf.certificate(), strangerCa.rootCertificate()));
		try (LoopbackTlsServer server = LoopbackTlsServer.start(server(stranger, options()))) {
			assertThatExceptionOfType(TlsHandshakeException.class)
				.isThrownBy(() -> client(options()).connect("localhost", server.port()))
				.satisfies((ex) -> assertThat(ex.failure().cause()).isEqualTo(Cause.UNKNOWN_CA))
				.withMessageContaining("issued by 'CN=Stranger CA', which is not trusted")
				.withMessageContaining("'cafile'");
		}
	}

	@Test
	void serverFromAnotherCaOfTheTrustedNameIsAnUnknownCa() throws Exception {
		IssuedCertificate namesake = CertificateAuthority.root("Handshake Test CA").issueServer("localhost");
		try (LoopbackTlsServer server = LoopbackTlsServer.start(server(namesake, options()))) {
			assertThatExceptionOfType(TlsHandshakeException.class)
				.isThrownBy(() -> client(options()).connect("localhost", server.port()))
				.satisfies((ex) -> assertThat(ex.failure().cause()).isEqualTo(Cause.UNKNOWN_CA))
				.withMessageContaining("a CA of that name is trusted here, but not the one that signed it");
		}
	}

	@Test
	void clientCertificateFromAnUnknownCaIsExplainedOnTheServer() throws Exception {
		TlsContext mallory = TlsContext.create("mallory", options().build(), new TlsMaterial(
				CertificateAuthority.root("Handshake Test CA").issueClient("mallory").keyMaterial(),
				List.of(ca.rootCertificate())));
		try (LoopbackTlsServer loopback = LoopbackTlsServer.start(server(localhost, options().require(true)))) {
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
				// With TLS 1.3 the client may finish its side before the server's refusal arrives.
				try (SSLSocket socket = mallory.connect("localhost", loopback.port())) {
					exchange(socket, "let me in");
				}
			});
			HandshakeFailure refused = HandshakeFailure.explain(loopback.nextAccepted().failure());
			assertThat(refused.cause()).isEqualTo(Cause.UNKNOWN_CA);
			assertThat(refused.explanation()).startsWith("certificate 'CN=mallory' does not chain to a trusted CA");
		}
	}

	@Test
	void expiredCertificateIsRefusedWithItsDate() throws Exception {
		Instant end = Instant.now().minus(1, ChronoUnit.DAYS);
		IssuedCertificate expired = ca.issue().commonName("localhost").subjectAltNames("localhost").serverAuth()
			.validity(end.minus(30, ChronoUnit.DAYS), end).build();
		try (LoopbackTlsServer server = LoopbackTlsServer.start(server(expired, options()))) {
			assertThatExceptionOfType(TlsHandshakeException.class)
				.isThrownBy(() -> client(options()).connect("localhost", server.port()))
				.satisfies((ex) -> assertThat(ex.failure().cause()).isEqualTo(Cause.EXPIRED))
				.withMessageContaining("certificate 'CN=localhost' expired on " + expired.certificate().getNotAfter().toInstant());
		}
	}

	@Test
	void rsa1024PeerIsRefusedAtSecurityLevel2AndAcceptedAt1() throws Exception {
		IssuedCertificate weak = ca.issue().commonName("localhost").subjectAltNames("localhost").serverAuth()
			.keyType(KeyType.rsa(1024)).build();
		try (LoopbackTlsServer server = LoopbackTlsServer.start(server(weak, options().securityLevel(0)))) {
			assertThatExceptionOfType(TlsHandshakeException.class)
				.isThrownBy(() -> client(options()).connect("localhost", server.port()))
				.satisfies((ex) -> assertThat(ex.failure().cause()).isEqualTo(Cause.SECURITY_LEVEL))
				.withMessageContaining("1024")
				.withMessageContaining("'security-level'");
			try (SSLSocket socket = client(options().securityLevel(1)).connect("localhost", server.port())) {
				assertThat(exchange(socket, "weak")).isEqualTo("WEAK");
			}
		}
	}

	@Test
	void ownWeakCertificateFailsTheBuildNamingCertfile() {
		IssuedCertificate weak = ca.issue().keyType(KeyType.rsa(1024)).serverAuth().build();
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> server(weak, options()))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("certfile"))
			.withMessageContaining("1024")
			.withMessageContaining("'security-level'");
	}

	@Test
	void requireFalseConnectsToASelfSignedServerAndRecordsTheFailedVerification() throws Exception {
		CertificateAuthority selfSigned = CertificateAuthority.root("localhost");
		IssuedCertificate leaf = selfSigned.issueServer("localhost");
		try (LoopbackTlsServer server = LoopbackTlsServer.start(server(leaf, options()));
				SSLSocket socket = client(options().require(false)).connect("localhost", server.port())) {
			assertThat(exchange(socket, "anyway")).isEqualTo("ANYWAY");
			VerifyResult result = VerifyResult.of(socket.getSession());
			assertThat(result.ok()).isFalse();
			assertThat(result.error()).contains("not trusted");
		}
	}

	@Test
	void requireFalseRecordsAHostNameMismatchInsteadOfRefusing() throws Exception {
		IssuedCertificate other = ca.issueServer("other.example");
		try (LoopbackTlsServer server = LoopbackTlsServer.start(server(other, options()));
				SSLSocket socket = client(options().require(false)).connect("localhost", server.port())) {
			assertThat(exchange(socket, "lenient")).isEqualTo("LENIENT");
			assertThat(VerifyResult.of(socket.getSession()).error()).contains("does not match")
				.contains("DNS:other.example");
		}
	}

	@Test
	void serverRequiringAClientCertificateSeesItsSubjectAndRefusesAClientWithout() throws Exception {
		IssuedCertificate alice = ca.issueClient("alice");
		TlsContext server = server(localhost, options().require(true));
		try (LoopbackTlsServer loopback = LoopbackTlsServer.start(server)) {
			TlsContext withCertificate = TlsContext.create("alice", options().build(),
					new TlsMaterial(alice.keyMaterial(), List.of(ca.rootCertificate())));
			try (SSLSocket socket = withCertificate.connect("localhost", loopback.port())) {
				assertThat(exchange(socket, "mtls")).isEqualTo("MTLS");
				assertThat(loopback.nextAccepted().clientSubject()).isEqualTo("CN=alice");
			}
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
				// With TLS 1.3 the client may finish its side before the server's refusal arrives.
				try (SSLSocket socket = client(options()).connect("localhost", loopback.port())) {
					exchange(socket, "no certificate");
				}
			});
			Accepted refused = loopback.nextAccepted();
			assertThat(refused.failure()).isNotNull();
			assertThat(HandshakeFailure.explain(refused.failure()).cause())
				.isEqualTo(Cause.CLIENT_CERTIFICATE_REQUIRED);
		}
	}

	@Test
	void mutualTls12SessionsAreResumed() throws Exception {
		TlsOptions.Builder tls12 = options().protocol(TlsProtocol.TLS1_3, false);
		TlsContext client = TlsContext.create("alice", tls12.build(),
				new TlsMaterial(ca.issueClient("alice").keyMaterial(), List.of(ca.rootCertificate())));
		try (LoopbackTlsServer server = LoopbackTlsServer.start(server(localhost, options().require(true)))) {
			byte[] first;
			try (SSLSocket socket = client.connect("localhost", server.port())) {
				exchange(socket, "first");
				first = socket.getSession().getId();
			}
			try (SSLSocket socket = client.connect("localhost", server.port())) {
				exchange(socket, "again");
				assertThat(socket.getSession().getId()).isEqualTo(first);
				assertThat(VerifyResult.of(socket.getSession())).isEqualTo(VerifyResult.OK);
			}
		}
	}

	@Test
	void tls13SessionsAreResumedWithTickets() throws Exception {
		TlsContext client = client(options());
		try (LoopbackTlsServer server = LoopbackTlsServer.start(server(localhost, options()))) {
			try (SSLSocket socket = client.connect("localhost", server.port())) {
				// The reply comes after the server's ticket, so the client has it when the connection closes.
				exchange(socket, "first");
			}
			long before = System.currentTimeMillis();
			try (SSLSocket socket = client.connect("localhost", server.port())) {
				exchange(socket, "again");
				assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
				assertThat(socket.getSession().getCreationTime()).isLessThan(before);
			}
		}
	}

	@Test
	void tls13OnlyContextsHandshake() throws Exception {
		TlsOptions.Builder tls13 = options().protocol(TlsProtocol.TLS1_2, false);
		try (LoopbackTlsServer server = LoopbackTlsServer.start(server(localhost, tls13));
				SSLSocket socket = client(options().protocol(TlsProtocol.TLS1_2, false)).connect("localhost",
						server.port())) {
			assertThat(exchange(socket, "only")).isEqualTo("ONLY");
			assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
		}
	}

	@Test
	void serverThatOnlyRequestsLetsClientsWithoutCertificateIn() throws Exception {
		try (LoopbackTlsServer server = LoopbackTlsServer.start(server(localhost, options().request(true)));
				SSLSocket socket = client(options()).connect("localhost", server.port())) {
			assertThat(exchange(socket, "welcome")).isEqualTo("WELCOME");
			assertThat(server.nextAccepted().clientSubject()).isNull();
		}
	}

	@Test
	void opensslCipherStringPicksTheSuiteNegotiated() throws Exception {
		TlsOptions.Builder tls12Gcm = options().protocol(TlsProtocol.TLS1_3, false).cipher("ECDHE+AESGCM");
		TlsContext client = client(tls12Gcm);
		assertThat(client.cipherSuites()).contains("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
				"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
			.noneMatch((suite) -> suite.contains("CBC") || suite.contains("CHACHA"));
		try (LoopbackTlsServer server = LoopbackTlsServer.start(server(localhost, options()));
				SSLSocket socket = client.connect("localhost", server.port())) {
			assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
			assertThat(socket.getSession().getCipherSuite()).matches("TLS_ECDHE_ECDSA_WITH_AES_(128|256)_GCM_SHA(256|384)");
		}
	}

	@Test
	void unknownCipherNameFailsTheBuildNamingTheOption() {
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> client(options().cipher("ECDHE+NOSUCHCIPHER")))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("cipher"))
			.withMessageContaining("NOSUCHCIPHER");
	}

	@Test
	void plaintextPeerIsExplained() throws Exception {
		try (java.net.ServerSocket plain = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			Thread talker = new Thread(() -> {
				try (java.net.Socket socket = plain.accept()) {
					socket.getOutputStream().write("220 smtp.example ESMTP ready\r\n".getBytes(StandardCharsets.US_ASCII));
					socket.getInputStream().read(new byte[512]);
				}
				catch (IOException ex) {
					// the client gave up: expected
				}
			});
			talker.start();
			assertThatExceptionOfType(TlsHandshakeException.class)
				.isThrownBy(() -> client(options()).connect("localhost", plain.getLocalPort()))
				.satisfies((ex) -> assertThat(ex.failure().cause()).isEqualTo(Cause.PLAINTEXT_PEER))
				.withMessageContaining("does not speak TLS");
			talker.join(5000);
		}
	}

	@Test
	void silentPeerTimesOutWithinTheHandshakeTimeout() throws Exception {
		try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			TlsContext client = client(options().handshakeTimeout(Duration.ofMillis(300)));
			assertThatExceptionOfType(TlsHandshakeException.class)
				.isThrownBy(() -> client.connect("localhost", silent.getLocalPort()))
				.satisfies((ex) -> assertThat(ex.failure().cause()).isEqualTo(Cause.TIMEOUT));
		}
	}

	@Test
	void handshakeTheSocketsUserStartsGivesUpOnASilentPeerWithinTheHandshakeTimeout() throws Exception {
		TlsContext client = client(options().handshakeTimeout(Duration.ofMillis(300)));
		try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
				SSLSocket socket = (SSLSocket) client.socketFactory().createSocket("localhost", silent.getLocalPort())) {
			assertThatExceptionOfType(java.net.SocketTimeoutException.class)
				.isThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(5), socket::startHandshake));
		}
	}

	@Test
	void handshakeTheSocketsUserStartsLeavesTheSocketsReadTimeoutAsItWas() throws Exception {
		TlsContext client = client(options().handshakeTimeout(Duration.ofMillis(300)));
		try (LoopbackTlsServer server = LoopbackTlsServer.start(server(localhost, options()));
				SSLSocket socket = (SSLSocket) client.socketFactory().createSocket("localhost", server.port())) {
			assertThat(exchange(socket, "first")).isEqualTo("FIRST");
			assertThat(socket.getSoTimeout()).isZero();
		}
	}

	TlsContext server(IssuedCertificate certificate, TlsOptions.Builder options) {
		return TlsContext.create("server", options.build(),
				new TlsMaterial(certificate.keyMaterial(), List.of(ca.rootCertificate())));
	}

	/** A client that trusts the test CA through the {@code cafile} option, as a user would configure it. */
	TlsContext client(TlsOptions.Builder options) {
		return TlsContext.create("client", options.cafile(dir.resolve("ca.pem").toString()).build());
	}

	static String exchange(SSLSocket socket, String line) throws IOException {
		socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
		socket.getOutputStream().flush();
		return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
	}

}
