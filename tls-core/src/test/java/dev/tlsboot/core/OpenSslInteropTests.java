package dev.tlsboot.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.OpenSslCli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** TLS Boot against OpenSSL, the reference implementation TclTLS wraps: both directions, on 127.0.0.1. */
class OpenSslInteropTests {

	private static CertificateAuthority ca;

	private static IssuedCertificate localhost;

	@TempDir
	static Path dir;

	private static String caFile;

	private static String certFile;

	private static String keyFile;

	@BeforeAll
	static void writeMaterial() throws IOException {
		ca = CertificateAuthority.root("Interop CA");
		localhost = ca.issueServer("localhost", "127.0.0.1");
		caFile = write("ca.pem", ca.rootCertificatePem());
		certFile = write("server.pem", localhost.chainPem());
		keyFile = write("server.key", localhost.privateKeyPem());
	}

	@BeforeEach
	void needsOpenSsl() {
		OpenSslCli.assumeAvailable();
	}

	@Test
	void clientHandshakesWithOpenSslServerAndNegotiatesAlpn() throws Exception {
		try (OpenSslCli.Server server = OpenSslCli.server("-cert", certFile, "-key", keyFile, "-alpn", "h2,http/1.1")) {
			TlsContext client = TlsContext.create(TlsOptions.builder().cafile(caFile).alpn("h2", "http/1.1").build());
			try (SSLSocket socket = client.connect("localhost", server.port())) {
				assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
				assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
			}
		}
	}

	@Test
	void clientCertificateIsAcceptedByAnOpenSslServerThatRequiresOne() throws Exception {
		IssuedCertificate alice = ca.issueClient("alice");
		try (OpenSslCli.Server server = OpenSslCli.server("-cert", certFile, "-key", keyFile, "-CAfile", caFile,
				"-Verify", "1", "-verify_return_error")) {
			TlsContext client = TlsContext.create("alice", TlsOptions.defaults(),
					new TlsMaterial(alice.keyMaterial(), List.of(ca.rootCertificate())));
			try (SSLSocket socket = client.connect("localhost", server.port())) {
				socket.getOutputStream().write("ping\n".getBytes());
				socket.getOutputStream().flush();
				// s_server prints what it received once the client certificate passed its verification.
				waitFor(() -> server.output().contains("ping"));
			}
			assertThat(server.output()).contains("subject=CN = alice").doesNotContain("verify error");
		}
	}

	@Test
	void tls11OnlyServerIsRefusedForLackOfASharedProtocol() throws Exception {
		try (OpenSslCli.Server server = OpenSslCli.server("-cert", certFile, "-key", keyFile, "-tls1_1", "-cipher",
				"DEFAULT@SECLEVEL=0")) {
			TlsContext client = TlsContext.create(TlsOptions.builder().cafile(caFile).build());
			assertThatExceptionOfType(TlsHandshakeException.class)
				.isThrownBy(() -> client.connect("localhost", server.port()))
				.satisfies((ex) -> assertThat(ex.failure().cause()).isEqualTo(Cause.NO_SHARED_PROTOCOL))
				.withMessageContaining("share no protocol version");
		}
	}

	@Test
	void opensslClientVerifiesOurServerAndGetsAlpnAndSni() throws Exception {
		TlsContext server = TlsContext.create("server", TlsOptions.builder().alpn("h2").build(),
				new TlsMaterial(localhost.keyMaterial(), List.of()));
		try (LoopbackTlsServer loopback = LoopbackTlsServer.start(server)) {
			String output = OpenSslCli.opensslWithInput("hello\n", "s_client", "-connect", "127.0.0.1:" + loopback.port(),
					"-servername", "localhost", "-alpn", "h2", "-CAfile", caFile, "-verify_return_error",
					"-verify_hostname", "localhost", "-ign_eof").output();
			assertThat(output).contains("Verify return code: 0 (ok)")
				.contains("ALPN protocol: h2")
				.contains("TLSv1.3")
				.contains("HELLO");
			assertThat(loopback.nextAccepted().serverName()).isEqualTo("localhost");
		}
	}

	/** Write {@code content} to a file in the temporary directory and return its path, for command arguments. */
	private static String write(String name, String content) throws IOException {
		return Files.writeString(dir.resolve(name), content).toString();
	}

	private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
		for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
			Thread.sleep(50);
		}
	}

}
