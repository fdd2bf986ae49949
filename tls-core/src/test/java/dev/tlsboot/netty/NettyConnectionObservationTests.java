package dev.tlsboot.netty;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.netty.channel.Channel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsHandshakeException;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.observe.TlsConsumers;
import dev.tlsboot.core.observe.TrackedConnection.State;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.status.TlsStatus;
import dev.tlsboot.core.status.VerifyResult;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;

import static dev.tlsboot.netty.NettyLoopback.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Netty channels in the contexts' connection registries, with each provider: one entry per end, from handshake to
 * close, with the status records filled; failures with their cause. Real channels on 127.0.0.1.
 */
class NettyConnectionObservationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(NettyLoopback.TIMEOUT_SECONDS);

	private static final IssuedCertificate SERVER = TestContexts.CA.issueServer("server.test");

	private static final IssuedCertificate CLIENT = TestContexts.CA.issueClient("client");

	private static final UnaryOperator<TlsOptions.Builder> ALPN = (options) -> options.alpn("h2", "http/1.1");

	private final ConnectionRegistry clients = ConnectionRegistry.create(10);

	private final ConnectionRegistry servers = ConnectionRegistry.create(10);

	@ParameterizedTest
	@EnumSource(names = { "JDK", "OPENSSL" })
	void eachEndIsTrackedOnceFromOpenToClosed(NettyTlsImplementation provider) throws Exception {
		NettyLoopback.assumeAvailable(provider);
		NettySslContext server = NettySslContext.forServer(
				TestContexts.context("server", SERVER, this.servers, (options) -> ALPN.apply(options).request(true)),
				provider);
		NettySslContext client = NettySslContext.forClient(TestContexts.context("client", CLIENT, this.clients, ALPN),
				provider);
		try (NettyLoopback loopback = new NettyLoopback((channel) -> server.newHandler(channel.alloc()))) {
			Channel channel = loopback.open(client, "server.test").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			await(loopback.accepted());
			TrackedConnection clientEnd = only(this.clients, State.OPEN);
			TrackedConnection serverEnd = only(this.servers, State.OPEN);
			TlsStatus clientStatus = clientEnd.status().orElseThrow();
			assertThat(clientStatus.protocol()).isEqualTo("TLSv1.3");
			assertThat(clientStatus.cipher()).startsWith("TLS_AES_");
			assertThat(clientStatus.alpn()).isEqualTo("h2");
			assertThat(clientStatus.certificate().subject()).isEqualTo("CN=server.test");
			assertThat(clientStatus.verifyResult()).isEqualTo(VerifyResult.OK);
			assertThat(clientEnd.serverName()).isEqualTo("server.test");
			assertThat(clientEnd.remoteAddress().getPort()).isEqualTo(loopback.port());
			assertThat(clientEnd.handshakeDuration()).isPositive();
			TlsStatus serverStatus = serverEnd.status().orElseThrow();
			assertThat(serverStatus.cipher()).isEqualTo(clientStatus.cipher());
			assertThat(serverStatus.alpn()).isEqualTo("h2");
			assertThat(serverStatus.certificate().subject()).isEqualTo("CN=client");
			assertThat(serverStatus.verifyResult()).isEqualTo(VerifyResult.OK);
			assertThat(serverEnd.serverName()).isEqualTo("server.test");
			assertThat(serverEnd.connection().orElseThrow().protocol()).isEqualTo("TLSv1.3");
			channel.close().sync();
			assertThat(only(this.clients, State.CLOSED)).isSameAs(clientEnd);
			assertThat(only(this.servers, State.CLOSED)).isSameAs(serverEnd);
			assertThat(serverEnd.status()).isPresent();
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "JDK", "OPENSSL" })
	void anUntrustedServerFailsTheClientEnd(NettyTlsImplementation provider) throws Exception {
		NettyLoopback.assumeAvailable(provider);
		TlsContext stranger = TlsContext.builder(TlsOptions.defaults())
			.name("stranger")
			.material(new TlsMaterial(null, List.of(CertificateAuthority.root("Another CA").rootCertificate())))
			.registry(this.clients)
			.build();
		NettySslContext server = NettySslContext
			.forServer(TestContexts.context("server", SERVER, this.servers, UnaryOperator.identity()), provider);
		try (NettyLoopback loopback = new NettyLoopback((channel) -> server.newHandler(channel.alloc()))) {
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> await(loopback.connect(NettySslContext.forClient(stranger, provider), "server.test")));
			TrackedConnection.Failure failure = only(this.clients, State.FAILED).failure().orElseThrow();
			// The server sends its certificate alone, and nothing relates its issuer to the CA trusted here.
			assertThat(failure.explanation().cause()).isEqualTo(Cause.UNKNOWN_CA);
			assertThat(only(this.servers, State.FAILED).failure()).isPresent();
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "JDK", "OPENSSL" })
	void aMissingClientCertificateFailsTheServerEnd(NettyTlsImplementation provider) throws Exception {
		NettyLoopback.assumeAvailable(provider);
		NettySslContext server = NettySslContext.forServer(
				TestContexts.context("server", SERVER, this.servers, (options) -> options.require(true)), provider);
		NettySslContext anonymous = NettySslContext
			.forClient(TestContexts.context("anonymous", null, this.clients, UnaryOperator.identity()), provider);
		try (NettyLoopback loopback = new NettyLoopback((channel) -> server.newHandler(channel.alloc()))) {
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> await(loopback.connect(anonymous, "server.test")));
			TrackedConnection.Failure failure = only(this.servers, State.FAILED).failure().orElseThrow();
			assertThat(failure.explanation().cause()).isEqualTo(Cause.CLIENT_CERTIFICATE_REQUIRED);
			// With TLS 1.3 the client finishes its handshake before the server refuses it.
			only(this.clients, State.FAILED, State.CLOSED);
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "JDK", "OPENSSL" })
	void reactorNettyH2ExchangesAreTracked(NettyTlsImplementation provider) {
		NettyLoopback.assumeAvailable(provider);
		TlsContext serverContext = TestContexts.context("server", TestContexts.CA.issueServer("localhost"),
				this.servers, UnaryOperator.identity());
		TlsContext clientContext = TestContexts.context("client", null, this.clients, UnaryOperator.identity());
		DisposableServer http = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.protocol(HttpProtocol.H2, HttpProtocol.HTTP11)
			.secure(ReactorNettyTls.server(serverContext, provider, HttpProtocol.H2, HttpProtocol.HTTP11))
			.handle((request, response) -> response.sendString(Mono.just("hello")))
			.bindNow(TIMEOUT);
		// Closing the pool closes the client's connection; the server's end closes with it.
		ConnectionProvider pool = ConnectionProvider.create("observed", 1);
		int port = http.port();
		try {
			String answer = HttpClient.create(pool)
				.protocol(HttpProtocol.H2)
				.secure(ReactorNettyTls.client(clientContext, provider, HttpProtocol.H2))
				.get()
				.uri("https://localhost:" + http.port() + "/")
				.responseSingle((response, body) -> body.asString())
				.block(TIMEOUT);
			assertThat(answer).isEqualTo("hello");
		}
		finally {
			pool.disposeLater().block(TIMEOUT);
			http.disposeNow(TIMEOUT);
		}
		for (ConnectionRegistry registry : List.of(this.clients, this.servers)) {
			TrackedConnection end = only(registry, State.CLOSED);
			assertThat(end.status().orElseThrow().alpn()).isEqualTo("h2");
			assertThat(end.connection().orElseThrow().servername()).isEqualTo("localhost");
		}
		// Both ends know their channel's addresses, on the JDK provider too, whose engines are made without them.
		TrackedConnection clientEnd = only(this.clients, State.CLOSED);
		TrackedConnection serverEnd = only(this.servers, State.CLOSED);
		assertThat(serverEnd.localAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
		assertThat(serverEnd.localAddress().getPort()).isEqualTo(port);
		assertThat(clientEnd.remoteAddress().getPort()).isEqualTo(port);
		assertThat(serverEnd.remoteAddress()).isEqualTo(clientEnd.localAddress());
		assertThat(clientEnd.remoteAddress()).isEqualTo(serverEnd.localAddress());
		assertThat(clientEnd.consumer()).isEqualTo(TlsConsumers.HTTP_CLIENT);
		assertThat(serverEnd.consumer()).isEqualTo(TlsConsumers.HTTP_SERVER);
	}

	@ParameterizedTest
	@EnumSource(names = { "JDK", "OPENSSL" })
	void eachEndNamesTheConsumerItsContextWasMadeFor(NettyTlsImplementation provider) throws Exception {
		NettyLoopback.assumeAvailable(provider);
		// With ALPN the JDK provider's engine is wrapped by Netty: the name must reach the context's own engine.
		NettySslContext server = NettySslContext
			.forServer(TestContexts.context("server", SERVER, this.servers, ALPN), provider)
			.consumer("grpc-server");
		NettySslContext client = NettySslContext
			.forClient(TestContexts.context("client", null, this.clients, ALPN), provider)
			.consumer(TlsConsumers.REDIS);
		try (NettyLoopback loopback = new NettyLoopback((channel) -> server.newHandler(channel.alloc()))) {
			loopback.open(client, "server.test").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			await(loopback.accepted());
			assertThat(only(this.clients, State.OPEN).consumer()).isEqualTo(TlsConsumers.REDIS);
			assertThat(only(this.servers, State.OPEN).consumer()).isEqualTo("grpc-server");
			assertThat(only(this.servers, State.OPEN).toString()).endsWith("(context 'server', grpc-server)");
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "JDK", "OPENSSL" })
	void aPlaintextServerIsExplainedToTheReactorNettyClient(NettyTlsImplementation provider) {
		NettyLoopback.assumeAvailable(provider);
		TlsContext clientContext = TestContexts.context("client", null, this.clients, UnaryOperator.identity());
		DisposableServer plain = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> response.sendString(Mono.just("plain")))
			.bindNow(TIMEOUT);
		try {
			// With ALPN, as WebClient has it, Netty wraps the JDK provider's engine in one of its own
			Mono<String> get = HttpClient.create(ConnectionProvider.newConnection())
				.secure(ReactorNettyTls.client(clientContext, provider, HttpProtocol.HTTP11))
				.get()
				.uri("https://localhost:" + plain.port() + "/")
				.responseSingle((response, body) -> body.asString());
			// Netty shows the bytes in the JDK provider's exception only
			String sent = (provider == NettyTlsImplementation.JDK) ? " (\"HTTP/1.1 400 Bad Request\")" : "";
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> get.block(TIMEOUT))
				.havingCause()
				.isInstanceOf(TlsHandshakeException.class)
				.withMessageStartingWith("TLS handshake with localhost:" + plain.port() + " failed: the peer does "
						+ "not speak TLS on this port: it sent plaintext" + sent + ". An HTTP");
		}
		finally {
			plain.disposeNow(TIMEOUT);
		}
		TrackedConnection.Failure failure = only(this.clients, State.FAILED).failure().orElseThrow();
		assertThat(failure.explanation().cause()).isEqualTo(Cause.PLAINTEXT_PEER);
		assertThat(failure.exception()).isEqualTo("io.netty.handler.ssl.NotSslRecordException");
	}

	@ParameterizedTest
	@EnumSource(names = { "JDK", "OPENSSL" })
	void aPlaintextClientFailsTheServerEnd(NettyTlsImplementation provider) throws Exception {
		NettyLoopback.assumeAvailable(provider);
		NettySslContext server = NettySslContext
			.forServer(TestContexts.context("server", SERVER, this.servers, UnaryOperator.identity()), provider);
		try (NettyLoopback loopback = new NettyLoopback((channel) -> server.newHandler(channel.alloc()));
				Socket client = new Socket(InetAddress.getLoopbackAddress(), loopback.port())) {
			client.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			TrackedConnection.Failure failure = only(this.servers, State.FAILED).failure().orElseThrow();
			assertThat(failure.explanation().cause()).isEqualTo(Cause.PLAINTEXT_PEER);
			if (provider == NettyTlsImplementation.JDK) {
				assertThat(failure.explanation().explanation()).contains("(\"GET / HTTP/1.1\")");
			}
		}
	}

	/**
	 * The one connection a registry keeps, once it is in one of {@code states}; the other end may report a moment
	 * later than the one a test waited for.
	 */
	private static TrackedConnection only(ConnectionRegistry registry, State... states) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		List<TrackedConnection> connections = registry.connections();
		while (!(connections.size() == 1 && List.of(states).contains(connections.get(0).state()))
				&& System.nanoTime() < deadline) {
			sleep();
			connections = registry.connections();
		}
		assertThat(connections).hasSize(1);
		assertThat(connections.get(0).state()).isIn((Object[]) states);
		return connections.get(0);
	}

	private static void sleep() {
		try {
			Thread.sleep(10);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
