package dev.tlsboot.netty;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.TlsContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * HTTP/2 over TLS between a Reactor Netty server and client: only possible when ALPN offers h2 on both ends.
 */
class ReactorNettyTlsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(NettyLoopback.TIMEOUT_SECONDS);

	static Stream<Arguments> pairs() {
		return NettySslContextTests.pairs();
	}

	@ParameterizedTest(name = "client {0}, server {1}")
	@MethodSource("pairs")
	void h2IsNegotiatedThroughAlpn(NettyTlsImplementation client, NettyTlsImplementation server) {
		NettyLoopback.assumeAvailable(client, server);
		// No 'alpn' in either context: the HTTP protocols decide it.
		TlsContext serverContext = TestContexts.context("server", TestContexts.CA.issueServer("localhost"),
				UnaryOperator.identity());
		TlsContext clientContext = TestContexts.context("client", null, UnaryOperator.identity());
		DisposableServer http = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.protocol(HttpProtocol.H2, HttpProtocol.HTTP11)
			.secure(ReactorNettyTls.server(serverContext, server, HttpProtocol.H2, HttpProtocol.HTTP11))
			.handle((request, response) -> response.sendString(Mono.just("hello over " + request.version())))
			.bindNow(TIMEOUT);
		try {
			String answer = HttpClient.newConnection()
				.protocol(HttpProtocol.H2)
				.secure(ReactorNettyTls.client(clientContext, client, HttpProtocol.H2))
				.get()
				.uri("https://localhost:" + http.port() + "/")
				.responseSingle((response, body) -> body.asString()
					.map((text) -> response.status().code() + " " + response.version() + ": " + text))
				.block(TIMEOUT);
			assertThat(answer).isEqualTo("200 HTTP/2.0: hello over HTTP/2.0");
		}
		finally {
			http.disposeNow(TIMEOUT);
		}
	}

	@Test
	void h2WithAnAlpnThatLacksItIsAConfigurationError() {
		TlsContext http11 = TestContexts.context("http11", null, (options) -> options.alpn("http/1.1"));
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> ReactorNettyTls.client(http11, NettyTlsImplementation.JDK, HttpProtocol.H2))
			.withMessageContaining("HTTP/2 is asked for, but context 'http11' offers [http/1.1]");
	}

}
