package dev.tlsboot.netty;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsImplementation;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.status.RevocationStatus;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.OpenSslCa;
import dev.tlsboot.testing.OpenSslCli;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ocsp-stapling} on Netty servers, as {@code openssl s_client -status} sees it: on OpenSSL, the response TLS
 * Boot fetched from {@code openssl ocsp} (answering from a real {@code openssl ca} index) is stapled to every
 * handshake; on the JDK provider the JDK staples its own, once the context set the JVM-wide switch and served the
 * root-issued certificate with its issuer from {@code cafile}.
 */
class OcspStaplingTests {

	private static final String JDK_SWITCH = "jdk.tls.server.enableStatusRequestExtension";

	@TempDir
	static Path dir;

	private static OpenSslCa ca;

	private static OpenSslCli.Server responder;

	private static String previousSwitch;

	@BeforeAll
	static void pki() throws Exception {
		previousSwitch = System.getProperty(JDK_SWITCH);
		int port = OpenSslCli.freePort();
		String url = "http://127.0.0.1:" + port;
		ca = OpenSslCa.create(dir.resolve("ca"), CertificateAuthority.root("Stapling Root"));
		ca.valid(server(url)).writeTo(dir, "good");
		IssuedCertificate revoked = server(url);
		revoked.writeTo(dir, "revoked");
		ca.revoke(revoked.certificate(), "keyCompromise");
		server("http://127.0.0.1:" + OpenSslCli.freePort()).writeTo(dir, "dead-responder");
		responder = ca.responder(port);
	}

	@AfterAll
	static void stop() {
		responder.close();
		// The switch is the JVM's: later tests' SSLContexts must not staple because of these.
		if (previousSwitch == null) {
			System.clearProperty(JDK_SWITCH);
		}
		else {
			System.setProperty(JDK_SWITCH, previousSwitch);
		}
	}

	private static IssuedCertificate server(String responderUrl) {
		return ca.ca().issue().commonName("localhost").subjectAltNames("localhost").serverAuth()
			.ocspResponder(responderUrl).build();
	}

	private static TlsContext stapling(String name, TlsImplementation provider) {
		return TlsContext.builder(TlsOptions.builder()
			.certfile(dir.resolve(name + ".crt").toString())
			.keyfile(dir.resolve(name + ".key").toString())
			.cafile(ca.certificateFile().toString())
			.provider(provider)
			.ocspStapling(true)
			.build()).registry(ConnectionRegistry.disabled()).build();
	}

	/** What {@code openssl s_client -status} says of the response the server stapled. */
	private static String statusSeenByOpenSsl(NettySslContext server) throws Exception {
		try (NettyLoopback loopback = new NettyLoopback((channel) -> server.newHandler(channel.alloc()))) {
			return OpenSslCli.opensslWithInput("", "s_client", "-connect", "127.0.0.1:" + loopback.port(),
					"-servername", "localhost", "-status", "-CAfile", ca.certificateFile().toString())
				.output();
		}
	}

	@ParameterizedTest
	@EnumSource(value = NettyTlsImplementation.class, names = { "OPENSSL", "JDK" })
	void aGoodCertificateIsStapledWithTheResponderAnswer(NettyTlsImplementation provider) throws Exception {
		NettyLoopback.assumeAvailable(provider);
		TlsImplementation contextProvider = (provider == NettyTlsImplementation.OPENSSL) ? TlsImplementation.OPENSSL
				: TlsImplementation.JDK;
		NettySslContext server = NettySslContext.forServer(stapling("good", contextProvider), provider);
		String output = statusSeenByOpenSsl(server);
		assertThat(output).contains("OCSP Response Status: successful", "Cert Status: good",
				"Verify return code: 0 (ok)");
	}

	@Test
	void openSslStaplesTheSameResponseToEveryHandshakeAskingTheResponderOnce() throws Exception {
		NettyLoopback.assumeAvailable(NettyTlsImplementation.OPENSSL);
		TlsContext context = stapling("good", TlsImplementation.OPENSSL);
		int before = requests();
		NettySslContext server = NettySslContext.forServer(context, NettyTlsImplementation.OPENSSL);
		for (int i = 0; i < 3; i++) {
			assertThat(statusSeenByOpenSsl(server)).contains("Cert Status: good");
		}
		assertThat(requests() - before).isEqualTo(1);
		RevocationStatus status = context.ocspStapling().orElseThrow().status();
		assertThat(status.state()).isEqualTo(RevocationStatus.State.GOOD);
		assertThat(status.source()).isEqualTo("OCSP responder http://127.0.0.1:" + responder.port());
		assertThat(status.nextUpdate()).isAfter(status.thisUpdate());
	}

	@Test
	void aRevokedCertificateIsStapledAsRevokedSoThatClientsRefuseIt() throws Exception {
		NettyLoopback.assumeAvailable(NettyTlsImplementation.OPENSSL);
		NettySslContext server = NettySslContext.forServer(stapling("revoked", TlsImplementation.OPENSSL),
				NettyTlsImplementation.OPENSSL);
		assertThat(statusSeenByOpenSsl(server)).contains("OCSP Response Status: successful", "Cert Status: revoked",
				"Revocation Reason: keyCompromise");
	}

	@Test
	void aDeadResponderLeavesHandshakesWithoutAStapleNotFailed() throws Exception {
		NettyLoopback.assumeAvailable(NettyTlsImplementation.OPENSSL);
		TlsContext context = TlsContext.builder(TlsOptions.builder()
			.certfile(dir.resolve("dead-responder.crt").toString())
			.keyfile(dir.resolve("dead-responder.key").toString())
			.cafile(ca.certificateFile().toString())
			.provider(TlsImplementation.OPENSSL)
			.ocspStapling(true)
			.revocationTimeout(java.time.Duration.ofMillis(500))
			.build()).registry(ConnectionRegistry.disabled()).build();
		NettySslContext server = NettySslContext.forServer(context, NettyTlsImplementation.OPENSSL);
		assertThat(statusSeenByOpenSsl(server)).contains("OCSP response: no response sent",
				"Verify return code: 0 (ok)");
		assertThat(context.ocspStapling().orElseThrow().status().detail()).contains("cannot be reached");
	}

	@Test
	void withoutTheOptionNothingIsStapled() throws Exception {
		NettyLoopback.assumeAvailable(NettyTlsImplementation.OPENSSL);
		TlsContext context = TlsContext.builder(TlsOptions.builder()
			.certfile(dir.resolve("good.crt").toString())
			.keyfile(dir.resolve("good.key").toString())
			.provider(TlsImplementation.OPENSSL)
			.build()).registry(ConnectionRegistry.disabled()).build();
		assertThat(context.ocspStapling()).isEmpty();
		assertThat(statusSeenByOpenSsl(NettySslContext.forServer(context, NettyTlsImplementation.OPENSSL)))
			.contains("OCSP response: no response sent");
	}

	private static int requests() {
		return responder.output().split("Received request", -1).length - 1;
	}

}
