package dev.tlsboot.core.revocation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsHandshakeException;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.HandshakeFailure;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.reload.MaterialWatcher;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.OpenSslCa;
import dev.tlsboot.testing.OpenSslCli;
import dev.tlsboot.testing.SecretVolume;

import static dev.tlsboot.core.revocation.RevocationPeers.clientRefusal;
import static dev.tlsboot.core.revocation.RevocationPeers.context;
import static dev.tlsboot.core.revocation.RevocationPeers.handshake;
import static dev.tlsboot.core.revocation.RevocationPeers.serverRefusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code crlfile} and {@code revocation} against CRLs that {@code openssl ca -gencrl} signs from a real index, in
 * both directions, on real sockets.
 */
class CrlFileRevocationTests {

	@TempDir
	static Path dir;

	private static OpenSslCa root;

	private static Path cafile;

	private static Path crl;

	private static Path staleCrl;

	private static Path otherCrl;

	private static IssuedCertificate revokedServer;

	private static IssuedCertificate revokedClient;

	private static CertificateAuthority issuing;

	@BeforeAll
	static void pki() throws Exception {
		root = OpenSslCa.create(dir.resolve("root"), CertificateAuthority.root("Revocation Root"));
		root.valid(root.ca().issueServer("localhost")).writeTo(dir, "good-server");
		root.valid(root.ca().issueClient("good-client")).writeTo(dir, "good-client");
		revokedServer = root.ca().issueServer("localhost");
		revokedServer.writeTo(dir, "revoked-server");
		root.revoke(revokedServer.certificate(), "keyCompromise");
		revokedClient = root.ca().issueClient("revoked-client");
		revokedClient.writeTo(dir, "revoked-client");
		root.revoke(revokedClient.certificate(), "superseded");
		issuing = root.ca().intermediate("Revoked Issuing CA");
		issuing.issueServer("localhost").writeTo(dir, "under-revoked-intermediate");
		root.revoke(issuing.certificate(), "CACompromise");
		crl = root.crl(dir.resolve("root.crl"));
		staleCrl = root.staleCrl(dir.resolve("stale.crl"));
		cafile = dir.resolve("ca.pem");
		Files.copy(root.certificateFile(), cafile);
		OpenSslCa other = OpenSslCa.create(dir.resolve("other"), CertificateAuthority.root("Other Root"));
		other.ca().issueServer("localhost").writeTo(dir, "other-server");
		Files.writeString(dir.resolve("both.pem"), Files.readString(cafile) + other.ca().rootCertificatePem());
		otherCrl = other.crl(dir.resolve("other.crl"));
	}

	private static TlsOptions.Builder server(String name) {
		return TlsOptions.builder().certfile(file(name + ".crt")).keyfile(file(name + ".key"));
	}

	private static TlsOptions.Builder client(Path crlfile) {
		return TlsOptions.builder().cafile(cafile.toString()).crlfile(crlfile.toString());
	}

	private static String file(String name) {
		return dir.resolve(name).toString();
	}

	@Test
	void crlfileAloneRefusesARevokedServerCertificate() throws Exception {
		HandshakeFailure failure = clientRefusal(context(client(crl), ConnectionRegistry.disabled()),
				context(server("revoked-server"), ConnectionRegistry.disabled()));
		assertThat(failure.cause()).isEqualTo(Cause.REVOKED);
		assertThat(failure.explanation()).contains("'CN=localhost'",
				revokedServer.certificate().getSerialNumber().toString(16).toUpperCase(), "revoked on",
				"KEY_COMPROMISE", "crlfile " + crl);
	}

	@Test
	void theClientSendsCertificateRevokedToAnOpensslServer() throws Exception {
		try (OpenSslCli.Server openssl = OpenSslCli.server("-cert", file("revoked-server.crt"), "-key",
				file("revoked-server.key"))) {
			TlsContext client = context(client(crl), ConnectionRegistry.disabled());
			assertThatExceptionOfType(TlsHandshakeException.class)
				.isThrownBy(() -> client.connect("localhost", openssl.port()).close());
			long deadline = System.nanoTime() + 10_000_000_000L;
			while (!openssl.output().contains("certificate revoked") && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(openssl.output()).contains("certificate revoked");
		}
	}

	@Test
	void goodServerCertificatePassesEvenWithHard() throws Exception {
		handshake(context(client(crl).revocation(RevocationMode.HARD), ConnectionRegistry.disabled()),
				context(server("good-server"), ConnectionRegistry.disabled()));
	}

	@Test
	void serverRequiringAClientCertificateRefusesARevokedOne() throws Exception {
		ConnectionRegistry registry = ConnectionRegistry.create(10);
		TlsContext server = context(server("good-server").cafile(cafile.toString()).crlfile(crl.toString())
			.request(true).require(true), registry);
		HandshakeFailure failure = serverRefusal(
				context(client(crl).certfile(file("revoked-client.crt")).keyfile(file("revoked-client.key")),
						ConnectionRegistry.disabled()),
				server, registry);
		assertThat(failure.cause()).isEqualTo(Cause.REVOKED);
		assertThat(failure.explanation()).contains("'CN=revoked-client'", "SUPERSEDED");
	}

	@Test
	void serverThatOnlyRequestsStillRefusesARevokedClientCertificate() throws Exception {
		ConnectionRegistry registry = ConnectionRegistry.create(10);
		TlsContext server = context(server("good-server").cafile(cafile.toString()).crlfile(crl.toString())
			.request(true), registry);
		assertThat(serverRefusal(context(client(crl).certfile(file("revoked-client.crt"))
			.keyfile(file("revoked-client.key")), ConnectionRegistry.disabled()), server, registry).cause())
			.isEqualTo(Cause.REVOKED);
		handshake(context(client(crl).certfile(file("good-client.crt")).keyfile(file("good-client.key")),
				ConnectionRegistry.disabled()), server);
	}

	@Test
	void hardRefusesACertificateNoCrlCoversAndSoftLetsItPass() throws Exception {
		TlsContext server = context(server("other-server"), ConnectionRegistry.disabled());
		TlsOptions.Builder trustingBoth = client(crl).cafile(file("both.pem"));
		HandshakeFailure failure = clientRefusal(
				context(trustingBoth.revocation(RevocationMode.HARD), ConnectionRegistry.disabled()), server);
		assertThat(failure.cause()).isEqualTo(Cause.REVOCATION_UNKNOWN);
		assertThat(failure.explanation()).contains("'CN=localhost'", "crlfile " + crl, "no CRL of 'CN=Other Root'",
				"'revocation' is hard");
		handshake(context(trustingBoth.revocation(RevocationMode.SOFT), ConnectionRegistry.disabled()), server);
	}

	@Test
	void aCrlPastItsNextUpdateIsNoAnswer() throws Exception {
		HandshakeFailure failure = clientRefusal(
				context(client(staleCrl).revocation(RevocationMode.HARD), ConnectionRegistry.disabled()),
				context(server("good-server"), ConnectionRegistry.disabled()));
		assertThat(failure.cause()).isEqualTo(Cause.REVOCATION_UNKNOWN);
		assertThat(failure.explanation()).contains("past its nextUpdate");
		handshake(context(client(staleCrl), ConnectionRegistry.disabled()),
				context(server("good-server"), ConnectionRegistry.disabled()));
	}

	@Test
	void aCrlNotSignedByATrustedCaIsRefusedAtBuild() {
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> context(client(otherCrl), ConnectionRegistry.disabled()))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo(TlsOption.CRLFILE.optionName()))
			.withMessageContainingAll(otherCrl.toString(), "'CN=Other Root' is not signed by a trusted CA");
	}

	@Test
	void revocationOffIgnoresCrlfile() throws Exception {
		// not even loaded: a CRL no trusted CA signed would fail the build otherwise
		handshake(context(client(otherCrl).revocation(RevocationMode.OFF), ConnectionRegistry.disabled()),
				context(server("revoked-server"), ConnectionRegistry.disabled()));
	}

	@Test
	void anIntermediateRevokedByTheRootsCrlRefusesTheLeafUnderChainScope() throws Exception {
		TlsContext server = context(server("under-revoked-intermediate"), ConnectionRegistry.disabled());
		HandshakeFailure failure = clientRefusal(context(client(crl), ConnectionRegistry.disabled()), server);
		assertThat(failure.cause()).isEqualTo(Cause.REVOKED);
		assertThat(failure.explanation()).contains("'CN=Revoked Issuing CA'", "CA_COMPROMISE");
		handshake(context(client(crl).revocationScope(RevocationScope.LEAF), ConnectionRegistry.disabled()), server);
	}

	@Test
	void aDirectoryOfCrls() throws Exception {
		Path crls = Files.createDirectories(dir.resolve("crl-dir"));
		Files.copy(crl, crls.resolve("root.pem"), StandardCopyOption.REPLACE_EXISTING);
		assertThat(clientRefusal(context(client(crls), ConnectionRegistry.disabled()),
				context(server("revoked-server"), ConnectionRegistry.disabled())).cause()).isEqualTo(Cause.REVOKED);
	}

	@Test
	void aReloadedCrlfileRefusesTheNextHandshakeOfANewlyRevokedClient() throws Exception {
		IssuedCertificate soon = root.valid(root.ca().issueClient("soon-revoked"));
		soon.writeTo(dir, "soon-revoked");
		Path rotating = dir.resolve("rotating.crl");
		Files.copy(crl, rotating, StandardCopyOption.REPLACE_EXISTING);
		ConnectionRegistry registry = ConnectionRegistry.create(10);
		TlsContext server = context(server("good-server").cafile(cafile.toString()).crlfile(rotating.toString())
			.request(true).require(true), registry);
		TlsContext client = context(client(crl).certfile(file("soon-revoked.crt")).keyfile(file("soon-revoked.key")),
				ConnectionRegistry.disabled());
		handshake(client, server);
		root.revoke(soon.certificate(), "affiliationChanged");
		root.crl(rotating);
		server.reload();
		assertThat(serverRefusal(client, server, registry).cause()).isEqualTo(Cause.REVOKED);
	}

	@Test
	void theWatcherPicksUpACrlRenamedOverTheOldOne() throws Exception {
		Path crls = Files.createDirectories(dir.resolve("renamed"));
		Path file = Files.copy(crl, crls.resolve("ca.crl"));
		refusedOnceTheWatcherReloads(file, "renamed-client", () -> {
			// as the job in docs/revocation.md: written elsewhere, then renamed over the old one in one step
			Path next = root.crl(dir.resolve("renamed-next.crl"));
			Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		});
	}

	@Test
	void theWatcherPicksUpACrlSwappedInASecretVolume() throws Exception {
		SecretVolume volume = new SecretVolume(dir.resolve("volume"));
		volume.publish(Map.of("ca.crl", Files.readString(crl)));
		refusedOnceTheWatcherReloads(volume.file("ca.crl"), "volume-client", () -> volume
			.publish(Map.of("ca.crl", Files.readString(root.crl(dir.resolve("volume-next.crl"))))));
	}

	/**
	 * A server whose {@code crlfile} a {@link MaterialWatcher} watches lets a client in; the CA revokes the client's
	 * certificate and {@code rotation} publishes its new CRL; the server reloads by itself and refuses the client's
	 * next handshake.
	 */
	private static void refusedOnceTheWatcherReloads(Path crlfile, String clientName, CrlRotation rotation)
			throws Exception {
		IssuedCertificate issued = root.valid(root.ca().issueClient(clientName));
		issued.writeTo(dir, clientName);
		ConnectionRegistry registry = ConnectionRegistry.create(10);
		TlsContext server = context(server("good-server").cafile(cafile.toString()).crlfile(crlfile.toString())
			.request(true).require(true), registry);
		TlsContext client = context(client(crl).certfile(file(clientName + ".crt")).keyfile(file(clientName + ".key")),
				ConnectionRegistry.disabled());
		handshake(client, server);
		BlockingQueue<TlsContext> reloaded = new LinkedBlockingQueue<>();
		try (MaterialWatcher watcher = new MaterialWatcher(Duration.ofMillis(200), Duration.ofMinutes(1),
				new MaterialWatcher.Listener() {

					@Override
					public void reloaded(TlsContext context) {
						reloaded.add(context);
					}

				})) {
			assertThat(watcher.watch(server)).isTrue();
			root.revoke(issued.certificate(), "keyCompromise");
			rotation.publish();
			assertThat(reloaded.poll(10, TimeUnit.SECONDS)).isSameAs(server);
		}
		HandshakeFailure failure = serverRefusal(client, server, registry);
		assertThat(failure.cause()).isEqualTo(Cause.REVOKED);
		assertThat(failure.explanation()).contains("'CN=" + clientName + "'", "KEY_COMPROMISE");
	}

	/** Publishes the CA's new CRL where the server's {@code crlfile} points. */
	private interface CrlRotation {

		void publish() throws Exception;

	}

}
