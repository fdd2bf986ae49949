package dev.tlsboot.netty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsImplementation;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.revocation.RevocationMode;
import dev.tlsboot.core.status.RevocationStatus;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.OpenSslCa;
import dev.tlsboot.testing.OpenSslCli;
import dev.tlsboot.testing.StaplingPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ocsp-stapling} on Netty servers, as {@code openssl s_client -status} sees it: on OpenSSL, the response TLS
 * Boot fetched from {@code openssl ocsp} (answering from a real {@code openssl ca} index) is stapled to every
 * handshake; on the JDK provider the JDK staples its own, once the context set the JVM-wide switch and served the
 * root-issued certificate with its issuer from {@code cafile}.
 */
class OcspStaplingTests {

	@RegisterExtension
	static final StaplingPki pki = new StaplingPki("Stapling Root");

	private static OpenSslCa ca;

	@BeforeAll
	static void issue() throws IOException {
		ca = pki.ca();
		ca.valid(pki.server().build()).writeTo(pki.directory(), "good");
		IssuedCertificate revoked = pki.server().build();
		revoked.writeTo(pki.directory(), "revoked");
		ca.revoke(revoked.certificate(), "keyCompromise");
		pki.server().ocspResponder("http://127.0.0.1:" + OpenSslCli.freePort()).build()
			.writeTo(pki.directory(), "dead-responder");
		pki.startResponder();
	}

	private static TlsContext stapling(String name, TlsImplementation provider) {
		return serving(name, (options) -> options.provider(provider).ocspStapling(true));
	}

	private static TlsContext serving(String name, UnaryOperator<TlsOptions.Builder> options) {
		return TlsContext.builder(options.apply(TlsOptions.builder()
			.certfile(pki.file(name + ".crt"))
			.keyfile(pki.file(name + ".key"))
			.cafile(ca.certificateFile().toString())).build()).registry(ConnectionRegistry.disabled()).build();
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
		assertThat(status.source()).isEqualTo("OCSP responder http://127.0.0.1:" + pki.responder().port());
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
	void aReloadedCertificateIsStapledWithItsOwnResponse() throws Exception {
		NettyLoopback.assumeAvailable(NettyTlsImplementation.OPENSSL);
		copy("good", "rotating");
		TlsContext context = stapling("rotating", TlsImplementation.OPENSSL);
		NettySslContext server = NettySslContext.forServer(context, NettyTlsImplementation.OPENSSL);
		assertThat(statusSeenByOpenSsl(server)).contains("Cert Status: good");
		copy("revoked", "rotating");
		context.reload();
		// The new certificate's response is fetched in the background; until then nothing is stapled.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(statusSeenByOpenSsl(server)).contains("Cert Status: revoked"));
	}

	private static void copy(String from, String to) throws IOException {
		for (String extension : List.of(".crt", ".key")) {
			Files.copy(Path.of(pki.file(from + extension)), Path.of(pki.file(to + extension)),
					StandardCopyOption.REPLACE_EXISTING);
		}
	}

	@Test
	void aDeadResponderLeavesHandshakesWithoutAStapleNotFailed() throws Exception {
		NettyLoopback.assumeAvailable(NettyTlsImplementation.OPENSSL);
		TlsContext context = serving("dead-responder", (options) -> options.provider(TlsImplementation.OPENSSL)
			.ocspStapling(true)
			.revocationTimeout(Duration.ofMillis(500)));
		NettySslContext server = NettySslContext.forServer(context, NettyTlsImplementation.OPENSSL);
		assertThat(statusSeenByOpenSsl(server)).contains("OCSP response: no response sent",
				"Verify return code: 0 (ok)");
		assertThat(context.ocspStapling().orElseThrow().status().detail()).contains("cannot be reached");
	}

	@Test
	void withoutTheOptionNothingIsStapled() throws Exception {
		NettyLoopback.assumeAvailable(NettyTlsImplementation.OPENSSL);
		TlsContext context = serving("good", (options) -> options.provider(TlsImplementation.OPENSSL));
		assertThat(context.ocspStapling()).isEmpty();
		assertThat(statusSeenByOpenSsl(NettySslContext.forServer(context, NettyTlsImplementation.OPENSSL)))
			.contains("OCSP response: no response sent");
	}

	@ParameterizedTest
	@EnumSource(value = NettyTlsImplementation.class, names = { "OPENSSL", "JDK" })
	void aNettyClientCheckingRevocationTakesTheStapleInsteadOfItsDeadResponder(NettyTlsImplementation provider)
			throws Exception {
		NettyLoopback.assumeAvailable(NettyTlsImplementation.OPENSSL, provider);
		NettySslContext server = NettySslContext.forServer(stapling("good", TlsImplementation.OPENSSL),
				NettyTlsImplementation.OPENSSL);
		TlsContext client = TlsContext.builder(TlsOptions.builder()
			.cafile(ca.certificateFile().toString())
			.revocation(RevocationMode.HARD)
			.ocspResponder("http://127.0.0.1:" + OpenSslCli.freePort())
			.build()).registry(ConnectionRegistry.disabled()).build();
		try (NettyLoopback loopback = new NettyLoopback((channel) -> server.newHandler(channel.alloc()))) {
			NettyLoopback.Handshake handshake = NettyLoopback
				.await(loopback.connect(NettySslContext.forClient(client, provider), "localhost"));
			assertThat(handshake.revocation().state()).isEqualTo(RevocationStatus.State.GOOD);
			assertThat(handshake.revocation().source()).isEqualTo("staple");
		}
	}

	private static int requests() {
		return pki.responder().output().split("Received request", -1).length - 1;
	}

}
