package dev.tlsboot.core;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.observe.TrackedConnection.Failure;
import dev.tlsboot.core.observe.TrackedConnection.State;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.option.TlsProtocol;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.pki.KeyType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Each failure users meet, produced by a real handshake, lands in the registry as FAILED with its explanation. */
class HandshakeFailureObservationTests {

	private static CertificateAuthority ca;

	@BeforeAll
	static void issueCertificates() {
		ca = CertificateAuthority.root("Failure Test CA");
	}

	@Test
	void plaintextPeer() throws Exception {
		Failure failure = clientFailureAgainstPlainPeer(
				"220 smtp.example ESMTP ready\r\n".getBytes(StandardCharsets.US_ASCII));
		assertThat(failure.explanation().cause()).isEqualTo(Cause.PLAINTEXT_PEER);
	}

	@Test
	void peerClosedWithoutCloseNotify() throws Exception {
		Failure failure = clientFailureAgainstPlainPeer(new byte[0]);
		assertThat(failure.explanation().cause()).isEqualTo(Cause.PEER_CLOSED);
		assertThat(failure.alert()).isNull();
	}

	@Test
	void unknownCa() throws Exception {
		CertificateAuthority stranger = CertificateAuthority.root("Stranger CA");
		IssuedCertificate leaf = stranger.issueServer("localhost");
		Failure failure = clientFailure(
				new IssuedCertificate(leaf.keyPair(), List.of(leaf.certificate(), stranger.rootCertificate())),
				TlsOptions.builder(), TlsOptions.builder());
		assertThat(failure.explanation().cause()).isEqualTo(Cause.UNKNOWN_CA);
		assertThat(failure.explanation().explanation()).contains("'CN=Stranger CA'", "not trusted");
	}

	@Test
	void missingIntermediateNamesTheMissingIssuer() throws Exception {
		// As public CAs do, the certificate names where its issuer is published: an intermediate, then
		IssuedCertificate full = ca.intermediate("Issuing CA 7").issue().commonName("localhost")
			.subjectAltNames("localhost").serverAuth().caIssuers("http://ca.example/issuing-ca-7.cer").build();
		IssuedCertificate leafOnly = new IssuedCertificate(full.keyPair(), List.of(full.certificate()));
		Failure failure = clientFailure(leafOnly, TlsOptions.builder(), TlsOptions.builder());
		assertThat(failure.explanation().cause()).isEqualTo(Cause.MISSING_INTERMEDIATE);
		assertThat(failure.explanation().explanation()).contains("issued by 'CN=Issuing CA 7', which the peer did "
				+ "not send", "http://ca.example/issuing-ca-7.cer");
	}

	@Test
	void leafAloneFromAnUnknownCaIsAnUnknownCaNotAMissingIntermediate() throws Exception {
		IssuedCertificate leafOnly = CertificateAuthority.root("Stranger CA").issueServer("localhost");
		assertThat(leafOnly.chain()).hasSize(1);
		Failure failure = clientFailure(leafOnly, TlsOptions.builder(), TlsOptions.builder());
		assertThat(failure.explanation().cause()).isEqualTo(Cause.UNKNOWN_CA);
		assertThat(failure.explanation().explanation()).contains("issued by 'CN=Stranger CA'",
				"nothing trusted here relates", "Add 'CN=Stranger CA' to 'cafile'");
	}

	@Test
	void certificateFromAnotherCaOfTheTrustedNameIsAnUnknownCa() throws Exception {
		// A CA made again under the same name: the JDK says "Path does not chain with any of the trust anchors"
		IssuedCertificate namesake = CertificateAuthority.root("Failure Test CA").issueServer("localhost");
		Failure failure = clientFailure(namesake, TlsOptions.builder(), TlsOptions.builder());
		assertThat(failure.explanation().cause()).isEqualTo(Cause.UNKNOWN_CA);
		assertThat(failure.explanation().explanation()).contains("issued by a CA named 'CN=Failure Test CA'",
				"but not the one that signed it");
	}

	@Test
	void clientCertificateFromAnUnknownCaAsTheServerSeesIt() throws Exception {
		Failure namesake = serverFailure(TlsOptions.builder().require(true), TlsOptions.builder(),
				CertificateAuthority.root("Failure Test CA").issueClient("mallory"));
		assertThat(namesake.explanation().cause()).isEqualTo(Cause.UNKNOWN_CA);
		assertThat(namesake.explanation().explanation()).startsWith("certificate 'CN=mallory' does not chain")
			.contains("a CA of that name is trusted here, but not the one that signed it");
		Failure stranger = serverFailure(TlsOptions.builder().require(true), TlsOptions.builder(),
				CertificateAuthority.root("Stranger CA").issueClient("mallory"));
		assertThat(stranger.explanation().cause()).isEqualTo(Cause.UNKNOWN_CA);
		assertThat(stranger.explanation().explanation()).contains("issued by 'CN=Stranger CA'");
	}

	@Test
	void expired() throws Exception {
		Instant end = Instant.now().minus(1, ChronoUnit.DAYS);
		Failure failure = clientFailure(ca.issue().commonName("localhost").subjectAltNames("localhost").serverAuth()
			.validity(end.minus(30, ChronoUnit.DAYS), end).build(), TlsOptions.builder(), TlsOptions.builder());
		assertThat(failure.explanation().cause()).isEqualTo(Cause.EXPIRED);
	}

	@Test
	void notYetValid() throws Exception {
		Instant start = Instant.now().plus(1, ChronoUnit.DAYS);
		Failure failure = clientFailure(ca.issue().commonName("localhost").subjectAltNames("localhost").serverAuth()
			.validity(start, start.plus(30, ChronoUnit.DAYS)).build(), TlsOptions.builder(), TlsOptions.builder());
		assertThat(failure.explanation().cause()).isEqualTo(Cause.NOT_YET_VALID);
	}

	@Test
	void hostNameMismatchNamesTheSansOffered() throws Exception {
		Failure failure = clientFailure(ca.issueServer("other.example", "www.other.example"), TlsOptions.builder(),
				TlsOptions.builder());
		assertThat(failure.explanation().cause()).isEqualTo(Cause.HOSTNAME_MISMATCH);
		assertThat(failure.explanation().explanation()).contains("DNS:other.example", "DNS:www.other.example");
	}

	@Test
	void noSharedProtocol() throws Exception {
		Failure failure = clientFailure(ca.issueServer("localhost"),
				TlsOptions.builder().protocol(TlsProtocol.TLS1_3, false),
				TlsOptions.builder().protocol(TlsProtocol.TLS1_2, false));
		assertThat(failure.explanation().cause()).isEqualTo(Cause.NO_SHARED_PROTOCOL);
		assertThat(failure.alert()).isEqualTo("protocol_version (received)");
	}

	@Test
	void noSharedCipherAsTheServerSeesIt() throws Exception {
		Failure failure = serverFailure(TlsOptions.builder().protocol(TlsProtocol.TLS1_3, false).cipher("ECDHE+AESGCM"),
				TlsOptions.builder().protocol(TlsProtocol.TLS1_3, false).cipher("ECDHE+CHACHA20"), null);
		assertThat(failure.explanation().cause()).isEqualTo(Cause.NO_SHARED_CIPHER);
	}

	@Test
	void clientCertificateRequiredButNoneSentAsTheServerSeesIt() throws Exception {
		Failure failure = serverFailure(TlsOptions.builder().require(true), TlsOptions.builder(), null);
		assertThat(failure.explanation().cause()).isEqualTo(Cause.CLIENT_CERTIFICATE_REQUIRED);
	}

	@Test
	void certificateRefusedBySecurityLevel() throws Exception {
		IssuedCertificate weak = ca.issue().commonName("localhost").subjectAltNames("localhost").serverAuth()
			.keyType(KeyType.rsa(1024)).build();
		Failure failure = clientFailure(weak, TlsOptions.builder().securityLevel(0), TlsOptions.builder());
		assertThat(failure.explanation().cause()).isEqualTo(Cause.SECURITY_LEVEL);
	}

	/** Connect a client to a server with {@code certificate}; returns the client's failure from its registry. */
	private static Failure clientFailure(IssuedCertificate certificate, TlsOptions.Builder serverOptions,
			TlsOptions.Builder clientOptions) throws Exception {
		ConnectionRegistry registry = ConnectionRegistry.create(10);
		TlsContext server = context(serverOptions, certificate, ConnectionRegistry.disabled());
		try (LoopbackTlsServer loopback = LoopbackTlsServer.start(server)) {
			assertThatExceptionOfType(TlsHandshakeException.class)
				.isThrownBy(() -> context(clientOptions, null, registry).connect("localhost", loopback.port()));
		}
		return failed(registry);
	}

	/** Connect a client to a server; returns the server's failure from its registry. */
	private static Failure serverFailure(TlsOptions.Builder serverOptions, TlsOptions.Builder clientOptions,
			IssuedCertificate clientCertificate) throws Exception {
		ConnectionRegistry registry = ConnectionRegistry.create(10);
		TlsContext server = context(serverOptions, ca.issueServer("localhost"), registry);
		try (LoopbackTlsServer loopback = LoopbackTlsServer.start(server)) {
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
				// With TLS 1.3 the client may finish its side before the server's refusal arrives
				try (var socket = context(clientOptions, clientCertificate, ConnectionRegistry.disabled())
					.connect("localhost", loopback.port())) {
					TlsContextHandshakeTests.exchange(socket, "x");
				}
			});
			assertThat(loopback.nextAccepted().failure()).isNotNull();
		}
		return failed(registry);
	}

	private static Failure clientFailureAgainstPlainPeer(byte[] greeting) throws Exception {
		ConnectionRegistry registry = ConnectionRegistry.create(10);
		try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Thread peer = new Thread(() -> {
				try (Socket socket = plain.accept()) {
					socket.getInputStream().read(new byte[512]);
					socket.getOutputStream().write(greeting);
				}
				catch (IOException ex) {
					// the client gave up: expected
				}
			});
			peer.start();
			assertThatExceptionOfType(TlsHandshakeException.class).isThrownBy(
					() -> context(TlsOptions.builder(), null, registry).connect("localhost", plain.getLocalPort()));
			peer.join(5000);
		}
		return failed(registry);
	}

	private static Failure failed(ConnectionRegistry registry) {
		List<TrackedConnection> failed = registry.connections(State.FAILED, null, null);
		assertThat(failed).hasSize(1);
		assertThat(failed.get(0).handshakeDuration()).isNotNull();
		return failed.get(0).failure().orElseThrow();
	}

	private static TlsContext context(TlsOptions.Builder options, IssuedCertificate identity,
			ConnectionRegistry registry) {
		return TlsContext.builder(options.build())
			.material(new TlsMaterial((identity != null) ? identity.keyMaterial() : null,
					List.of(ca.rootCertificate())))
			.registry(registry)
			.build();
	}

}
