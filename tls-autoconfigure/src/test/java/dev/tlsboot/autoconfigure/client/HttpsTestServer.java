package dev.tlsboot.autoconfigure.client;

import java.time.Duration;

import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.netty.NettyTlsImplementation;
import dev.tlsboot.netty.ReactorNettyTls;

/**
 * An HTTPS server on 127.0.0.1, HTTP/2 and HTTP/1.1 by ALPN, secured by a TLS Boot context, that answers every
 * request with the client certificate's subject and the protocol: {@code "CN=client HTTP/2.0"}.
 */
final class HttpsTestServer implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final DisposableServer server;

	HttpsTestServer(TlsContext tls) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.protocol(HttpProtocol.H2, HttpProtocol.HTTP11)
			.secure(ReactorNettyTls.server(tls, NettyTlsImplementation.JDK, HttpProtocol.H2, HttpProtocol.HTTP11))
			.handle((request, response) -> response.sendString(Mono.just(describe(request))))
			.bindNow(TIMEOUT);
	}

	int port() {
		return this.server.port();
	}

	/** {@code https://host:port/}. */
	String url(String host) {
		return "https://" + host + ":" + port() + "/";
	}

	private static String describe(HttpServerRequest request) {
		StringBuilder peer = new StringBuilder();
		request.withConnection((connection) -> peer.append(peerOf(connection.channel())));
		return peer + " " + request.version().text();
	}

	/** HTTP/2 streams are child channels; TLS is on their parent. */
	private static String peerOf(Channel channel) {
		SslHandler tls = channel.pipeline().get(SslHandler.class);
		if (tls == null && channel.parent() != null) {
			tls = channel.parent().pipeline().get(SslHandler.class);
		}
		try {
			return tls.engine().getSession().getPeerPrincipal().getName();
		}
		catch (SSLPeerUnverifiedException ex) {
			return "anonymous";
		}
	}

	@Override
	public void close() {
		this.server.disposeNow(TIMEOUT);
	}

}
