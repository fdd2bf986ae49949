package dev.tlsboot.netty;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.option.TlsProtocol;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.observe.RefusedCertificateException;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.status.VerifyResult;
import dev.tlsboot.netty.NettyLoopback.Handshake;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;

import static dev.tlsboot.netty.NettyLoopback.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Real handshakes on 127.0.0.1 between Netty channels, with each provider on each end: what is negotiated, and what
 * is refused.
 */
class NettySslContextTests {

	private static final IssuedCertificate SERVER = TestContexts.CA.issueServer("server.test");

	private static final IssuedCertificate CLIENT = TestContexts.CA.issueClient("client");

	static Stream<Arguments> pairs() {
		return Stream.of(Arguments.of(NettyTlsImplementation.JDK, NettyTlsImplementation.JDK),
				Arguments.of(NettyTlsImplementation.OPENSSL, NettyTlsImplementation.OPENSSL),
				Arguments.of(NettyTlsImplementation.JDK, NettyTlsImplementation.OPENSSL),
				Arguments.of(NettyTlsImplementation.OPENSSL, NettyTlsImplementation.JDK));
	}

	@ParameterizedTest(name = "client {0}, server {1}")
	@MethodSource("pairs")
	void bothEndsAgreeOnProtocolCipherAndAlpn(NettyTlsImplementation client, NettyTlsImplementation server)
			throws Exception {
		UnaryOperator<TlsOptions.Builder> alpn = (options) -> options.alpn("h2", "http/1.1");
		TlsContext serverContext = TestContexts.context("server", SERVER, alpn);
		Connection connection = connect(client, TestContexts.context("client", null, alpn), server, serverContext);
		assertThat(connection.client().protocol()).isEqualTo("TLSv1.3");
		assertThat(connection.client().applicationProtocol()).isEqualTo("h2");
		assertThat(connection.client().peerSubject()).isEqualTo("CN=server.test");
		assertThat(connection.client().cipherSuite()).isIn(serverContext.cipherSuites());
		assertThat(connection.client().verifyResult()).isEqualTo(VerifyResult.OK);
		assertThat(connection.server()).isEqualTo(new Handshake("TLSv1.3", connection.client().cipherSuite(), "h2",
				null, null, null));
	}

	@ParameterizedTest(name = "client {0}, server {1}")
	@MethodSource("pairs")
	void openSslCipherStringIsTranslatedForTls12(NettyTlsImplementation client, NettyTlsImplementation server)
			throws Exception {
		UnaryOperator<TlsOptions.Builder> tls12 = (options) -> options.protocol(TlsProtocol.TLS1_3, false)
			.cipher("ECDHE+CHACHA20");
		Connection connection = connect(client, TestContexts.context("client", null, tls12), server,
				TestContexts.context("server", SERVER, tls12));
		assertThat(connection.client().protocol()).isEqualTo("TLSv1.2");
		assertThat(connection.client().cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
		assertThat(connection.server().cipherSuite()).isEqualTo(connection.client().cipherSuite());
	}

	@ParameterizedTest
	@EnumSource(names = { "JDK", "AUTO" })
	void tls13SuitesComeFromCiphersuitesWithAutoFallingBackFromBoringSsl(NettyTlsImplementation provider)
			throws Exception {
		UnaryOperator<TlsOptions.Builder> chacha = (options) -> options.ciphersuites("TLS_CHACHA20_POLY1305_SHA256");
		NettySslContext client = NettySslContext.forClient(TestContexts.context("client", null, chacha), provider);
		assertThat(client.provider()).isEqualTo(NettyTlsImplementation.JDK);
		Connection connection = connect(client, NettySslContext.forServer(TestContexts.context("server", SERVER,
				chacha), provider));
		assertThat(connection.client().cipherSuite()).isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
		assertThat(connection.server().cipherSuite()).isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
	}

	@Test
	void boringSslRefusesToLeaveOutTls13Suites() {
		NettyLoopback.assumeAvailable(NettyTlsImplementation.OPENSSL);
		TlsContext aes256 = TestContexts.context("aes256", null,
				(options) -> options.ciphersuites("TLS_AES_256_GCM_SHA384"));
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> NettySslContext.forClient(aes256, NettyTlsImplementation.OPENSSL))
			.withMessageContaining("context 'aes256' keeps TLS 1.3 to [TLS_AES_256_GCM_SHA384], but BoringSSL");
	}

	@ParameterizedTest(name = "client {0}, server {1}")
	@MethodSource("pairs")
	void requiredClientCertificateIsChecked(NettyTlsImplementation client, NettyTlsImplementation server)
			throws Exception {
		NettyLoopback.assumeAvailable(client, server);
		TlsContext serverContext = TestContexts.context("server", SERVER, (options) -> options.require(true));
		NettySslContext serverSsl = NettySslContext.forServer(serverContext, server);
		try (NettyLoopback loopback = new NettyLoopback((channel) -> serverSsl.newHandler(channel.alloc()))) {
			CompletableFuture<Handshake> anonymous = loopback
				.connect(NettySslContext.forClient(TestContexts.context("anonymous", null, UnaryOperator.identity()),
						client), "server.test");
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> await(loopback.accepted()));
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> await(anonymous));
			CompletableFuture<Handshake> known = loopback.connect(
					NettySslContext.forClient(TestContexts.context("known", CLIENT, UnaryOperator.identity()), client),
					"server.test");
			assertThat(await(loopback.accepted()).peerSubject()).isEqualTo("CN=client");
			assertThat(await(known).peerSubject()).isEqualTo("CN=server.test");
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "JDK", "OPENSSL" })
	void hostNameMismatchIsRefused(NettyTlsImplementation provider) throws Exception {
		ExecutionException refused = assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> connectAs(provider, "other.test", UnaryOperator.identity()))
			.actual();
		RefusedCertificateException cause = refusal(refused);
		assertThat(cause.reason()).isEqualTo(Cause.HOSTNAME_MISMATCH);
		assertThat(cause).hasMessageStartingWith("host name 'other.test' does not match the certificate");
	}

	@ParameterizedTest
	@EnumSource(names = { "JDK", "OPENSSL" })
	void servernameIsSentAndCheckedInsteadOfTheHost(NettyTlsImplementation provider) throws Exception {
		Handshake client = connectAs(provider, "127.0.0.1", (options) -> options.servername("server.test"));
		assertThat(client.peerSubject()).isEqualTo("CN=server.test");
	}

	@ParameterizedTest
	@EnumSource(names = { "JDK", "OPENSSL" })
	void clientThatDoesNotRequireAcceptsAnUnknownCaAndRecordsIt(NettyTlsImplementation provider) throws Exception {
		NettyLoopback.assumeAvailable(provider);
		TlsOptions lenient = TlsOptions.builder().require(false).build();
		TlsContext stranger = TlsContext.create("stranger", lenient,
				new TlsMaterial(null, List.of(CertificateAuthority.root("Another CA").rootCertificate())));
		Connection connection = connect(NettySslContext.forClient(stranger, provider),
				NettySslContext.forServer(TestContexts.context("server", SERVER, UnaryOperator.identity()), provider));
		assertThat(connection.client().peerSubject()).isEqualTo("CN=server.test");
		assertThat(connection.client().verifyResult().ok()).isFalse();
		assertThat(connection.client().verifyResult().error()).contains("does not chain to a trusted CA");
	}

	@ParameterizedTest
	@EnumSource(names = { "JDK", "OPENSSL" })
	void handlersCarryTimeoutsAndSessionSettings(NettyTlsImplementation provider) {
		NettyLoopback.assumeAvailable(provider);
		TlsContext context = TestContexts.context("server", SERVER,
				(options) -> options.handshakeTimeout(Duration.ofSeconds(7)));
		NettySslContext server = NettySslContext.forServer(context, provider);
		assertThat(server.provider()).isEqualTo(provider);
		assertThat(server.sessionCacheSize()).isEqualTo(context.sslContext().getServerSessionContext()
			.getSessionCacheSize());
		assertThat(server.sessionTimeout()).isEqualTo(context.sslContext().getServerSessionContext()
			.getSessionTimeout());
		SslHandler handler = server.newHandler(ByteBufAllocator.DEFAULT);
		try {
			assertThat(handler.getHandshakeTimeoutMillis()).isEqualTo(7000);
			assertThat(handler.getCloseNotifyFlushTimeoutMillis()).isEqualTo(3000);
		}
		finally {
			ReferenceCountUtil.release(handler.engine());
		}
	}

	@Test
	void autoPicksOpenSslWhereItLoadsAndTellsItsVersion() {
		NettyTlsImplementation chosen = NettyTlsImplementation.AUTO.resolve();
		System.out.println("TLS provider auto: " + chosen + ", " + NettyTlsImplementation.AUTO.version());
		if (OpenSsl.isAvailable()) {
			assertThat(chosen).isEqualTo(NettyTlsImplementation.OPENSSL);
			assertThat(NettyTlsImplementation.OPENSSL.version()).startsWith("BoringSSL (netty-tcnative 2.");
		}
		else {
			assertThat(chosen).isEqualTo(NettyTlsImplementation.JDK);
		}
		assertThat(NettyTlsImplementation.JDK.version()).startsWith("SunJSSE ");
	}

	@Test
	void serverNeedsACertificate() {
		TlsContext anonymous = TestContexts.context("anonymous", null, UnaryOperator.identity());
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> NettySslContext.forServer(anonymous, NettyTlsImplementation.JDK))
			.withMessageContaining("context 'anonymous' has no certificate");
	}

	/** Connect a client of {@code provider} to a server of the same provider under the name {@code host}. */
	private static Handshake connectAs(NettyTlsImplementation provider, String host,
			UnaryOperator<TlsOptions.Builder> options) throws Exception {
		NettyLoopback.assumeAvailable(provider);
		NettySslContext server = NettySslContext.forServer(TestContexts.context("server", SERVER, options), provider);
		NettySslContext client = NettySslContext.forClient(TestContexts.context("client", null, options), provider);
		try (NettyLoopback loopback = new NettyLoopback((channel) -> server.newHandler(channel.alloc()))) {
			return await(loopback.connect(client, host));
		}
	}

	private static Connection connect(NettyTlsImplementation client, TlsContext clientContext,
			NettyTlsImplementation server, TlsContext serverContext) throws Exception {
		NettyLoopback.assumeAvailable(client, server);
		return connect(NettySslContext.forClient(clientContext, client),
				NettySslContext.forServer(serverContext, server));
	}

	private static Connection connect(NettySslContext client, NettySslContext server) throws Exception {
		try (NettyLoopback loopback = new NettyLoopback((channel) -> server.newHandler(channel.alloc()))) {
			Handshake clientSide = await(loopback.connect(client, "server.test"));
			return new Connection(clientSide, await(loopback.accepted()));
		}
	}

	private static RefusedCertificateException refusal(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RefusedCertificateException refused) {
				return refused;
			}
		}
		throw new AssertionError("Not refused by TLS Boot's trust manager", failure);
	}

	record Connection(Handshake client, Handshake server) {

	}

}
