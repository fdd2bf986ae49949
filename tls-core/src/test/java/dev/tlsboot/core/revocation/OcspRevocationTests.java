package dev.tlsboot.core.revocation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.HandshakeFailure;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.status.RevocationStatus;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.OpenSslCa;
import dev.tlsboot.testing.OpenSslCli;

import static dev.tlsboot.core.revocation.RevocationPeers.clientRefusal;
import static dev.tlsboot.core.revocation.RevocationPeers.context;
import static dev.tlsboot.core.revocation.RevocationPeers.handshake;
import static dev.tlsboot.core.revocation.RevocationPeers.serverRefusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * OCSP against {@code openssl ocsp} answering from a real {@code openssl ca} index, the responder named in the
 * certificates' authority information access; with CRL files beside it, a dead responder and a silent one.
 */
class OcspRevocationTests {

	@TempDir
	static Path dir;

	private static OpenSslCa ca;

	private static OpenSslCli.Server responder;

	private static Path cafile;

	/** A CRL of the same CA that lists the certificate the responder calls good. */
	private static Path crlListingGoodAtResponder;

	private static ServerSocket silent;

	private static final List<Socket> held = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void pki() throws Exception {
		int port = OpenSslCli.freePort();
		String url = "http://127.0.0.1:" + port;
		ca = OpenSslCa.create(dir.resolve("ca"), CertificateAuthority.root("OCSP Root"));
		ca.valid(server(url)).writeTo(dir, "good-server");
		ca.valid(server(url)).writeTo(dir, "another-good-server");
		IssuedCertificate revoked = server(url);
		revoked.writeTo(dir, "revoked-server");
		ca.revoke(revoked.certificate(), "keyCompromise");
		server(url).writeTo(dir, "unknown-server");
		IssuedCertificate revokedClient = ca.ca().issue().commonName("revoked-client").clientAuth()
			.ocspResponder(url).build();
		revokedClient.writeTo(dir, "revoked-client");
		ca.revoke(revokedClient.certificate(), "cessationOfOperation");
		IssuedCertificate goodHere = ca.valid(server(url));
		goodHere.writeTo(dir, "good-at-responder");
		// The same CA, another database: its CRL lists what the responder's index calls good.
		OpenSslCa crlOnly = OpenSslCa.create(dir.resolve("crl-only"), ca.ca());
		crlOnly.revoke(goodHere.certificate(), "keyCompromise");
		crlOnly.revoke(revoked.certificate(), "keyCompromise");
		crlListingGoodAtResponder = crlOnly.crl(dir.resolve("listing.crl"));
		cafile = ca.certificateFile();
		responder = ca.responder(port);
		silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> {
			try {
				while (true) {
					held.add(silent.accept());
				}
			}
			catch (IOException ex) {
				// closed
			}
		}, "silent-responder");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	@AfterAll
	static void stop() throws IOException {
		responder.close();
		silent.close();
		for (Socket socket : held) {
			socket.close();
		}
	}

	private static IssuedCertificate server(String responderUrl) {
		return ca.ca().issue().commonName("localhost").subjectAltNames("localhost").serverAuth()
			.ocspResponder(responderUrl).build();
	}

	private static TlsContext serving(String name) {
		return context(TlsOptions.builder().certfile(file(name + ".crt")).keyfile(file(name + ".key")),
				ConnectionRegistry.disabled());
	}

	private static TlsOptions.Builder client(RevocationMode mode) {
		return TlsOptions.builder().cafile(cafile.toString()).revocation(mode);
	}

	private static TlsContext client(TlsOptions.Builder options) {
		return context(options, ConnectionRegistry.disabled());
	}

	private static String file(String name) {
		return dir.resolve(name).toString();
	}

	private static String deadResponder() throws IOException {
		return "http://127.0.0.1:" + OpenSslCli.freePort();
	}

	@Test
	void theResponderInTheCertificateSaysRevoked() throws Exception {
		HandshakeFailure failure = clientRefusal(client(client(RevocationMode.SOFT)), serving("revoked-server"));
		assertThat(failure.cause()).isEqualTo(Cause.REVOKED);
		assertThat(failure.explanation()).contains("'CN=localhost'", "KEY_COMPROMISE",
				"OCSP responder http://127.0.0.1:" + responder.port());
	}

	@Test
	void theResponderSaysGoodAndHardLetsItPassAndTlsStatusSaysSo() throws Exception {
		RevocationStatus status = handshake(client(client(RevocationMode.HARD)), serving("good-server"));
		assertThat(status.state()).isEqualTo(RevocationStatus.State.GOOD);
		assertThat(status.source()).isEqualTo("OCSP responder http://127.0.0.1:" + responder.port());
		assertThat(status.thisUpdate()).isBefore(Instant.now().plusSeconds(1));
		assertThat(status.nextUpdate()).isAfter(Instant.now().plusSeconds(3000));
	}

	@Test
	void aCertificateTheResponderDoesNotKnowIsUnknown() throws Exception {
		HandshakeFailure failure = clientRefusal(client(client(RevocationMode.HARD)), serving("unknown-server"));
		assertThat(failure.cause()).isEqualTo(Cause.REVOCATION_UNKNOWN);
		assertThat(failure.explanation()).contains("does not know the certificate");
		handshake(client(client(RevocationMode.SOFT)), serving("unknown-server"));
	}

	@Test
	void aDeadResponderPassesWithSoftAndRefusesWithHard() throws Exception {
		String dead = deadResponder();
		RevocationStatus status = handshake(client(client(RevocationMode.SOFT).ocspResponder(dead)),
				serving("good-server"));
		assertThat(status.state()).isEqualTo(RevocationStatus.State.UNKNOWN);
		assertThat(status.detail()).contains("OCSP responder " + dead + ": cannot be reached");
		HandshakeFailure failure = clientRefusal(client(client(RevocationMode.HARD).ocspResponder(dead)),
				serving("good-server"));
		assertThat(failure.cause()).isEqualTo(Cause.REVOCATION_UNKNOWN);
		assertThat(failure.explanation()).contains("OCSP responder " + dead + ": cannot be reached");
	}

	@Test
	void aCrlOnDiskRefusesARevokedCertificateEvenWithSoftAndADeadResponder() throws Exception {
		HandshakeFailure failure = clientRefusal(client(client(RevocationMode.SOFT).ocspResponder(deadResponder())
			.crlfile(crlListingGoodAtResponder.toString())), serving("revoked-server"));
		assertThat(failure.cause()).isEqualTo(Cause.REVOKED);
		assertThat(failure.explanation()).contains("crlfile " + crlListingGoodAtResponder);
	}

	@Test
	void aCrlOnDiskWinsOverAResponderThatSaysGood() throws Exception {
		HandshakeFailure failure = clientRefusal(
				client(client(RevocationMode.HARD).crlfile(crlListingGoodAtResponder.toString())),
				serving("good-at-responder"));
		assertThat(failure.cause()).isEqualTo(Cause.REVOKED);
		assertThat(failure.explanation()).contains("crlfile " + crlListingGoodAtResponder);
	}

	@Test
	void aSilentResponderCostsOneTimeoutNotAHungHandshake() throws Exception {
		String quiet = "http://127.0.0.1:" + silent.getLocalPort();
		TlsOptions.Builder options = client(RevocationMode.HARD).ocspResponder(quiet)
			.revocationTimeout(Duration.ofMillis(500));
		HandshakeFailure failure = clientRefusal(client(options), serving("good-server"));
		assertThat(failure.cause()).isEqualTo(Cause.REVOCATION_UNKNOWN);
		assertThat(failure.explanation()).contains("OCSP responder " + quiet, "no answer within PT0.5S",
				"'revocation-timeout'");
		handshake(client(options.revocation(RevocationMode.SOFT)), serving("good-server"));
	}

	@Test
	void aServerRefusesARevokedClientCertificate() throws Exception {
		ConnectionRegistry registry = ConnectionRegistry.create(10);
		TlsContext server = context(TlsOptions.builder().certfile(file("good-server.crt"))
			.keyfile(file("good-server.key")).cafile(cafile.toString()).revocation(RevocationMode.HARD).require(true),
				registry);
		HandshakeFailure failure = serverRefusal(client(client(RevocationMode.OFF).certfile(file("revoked-client.crt"))
			.keyfile(file("revoked-client.key"))), server, registry);
		assertThat(failure.cause()).isEqualTo(Cause.REVOKED);
		assertThat(failure.explanation()).contains("'CN=revoked-client'", "CESSATION_OF_OPERATION");
	}

	@Test
	void answersAreCachedSoThatTheNextHandshakesDoNotAsk() throws Exception {
		TlsContext client = client(client(RevocationMode.HARD));
		TlsContext server = serving("another-good-server");
		int before = requests();
		handshake(client, server);
		handshake(client, server);
		handshake(client, server);
		assertThat(requests() - before).isEqualTo(1);
	}

	private static int requests() {
		return responder.output().split("Received request", -1).length - 1;
	}

	@Test
	void ocspCanBeTurnedOff() throws Exception {
		HandshakeFailure failure = clientRefusal(client(client(RevocationMode.HARD).revocationOcsp(false)
			.revocationCrldp(false)), serving("revoked-server"));
		assertThat(failure.cause()).isEqualTo(Cause.REVOCATION_UNKNOWN);
		assertThat(failure.explanation()).contains("no source can tell");
	}

	@Test
	void badOptionsAreRefusedNamingThem() {
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> TlsOptions.builder().ocspResponder("ldap://ocsp.example").build())
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo(TlsOption.OCSP_RESPONDER.optionName()));
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> TlsOptions.builder().revocationTimeout(Duration.ZERO).build())
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo(TlsOption.REVOCATION_TIMEOUT.optionName()));
	}

}
