package dev.tlsboot.autoconfigure.server;

import reactor.netty.http.HttpProtocol;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

import dev.tlsboot.netty.ReactorNettyTls;

/**
 * Makes Reactor Netty serve HTTPS from the server context, on the implementation its {@code provider} option asks
 * for (OpenSSL for {@code openssl}, and for {@code auto} when netty-tcnative loads; else the context's SSLContext):
 * h2 and HTTP/1.1 by ALPN when {@code server.http2.enabled} (instead of Spring Boot's cleartext h2c), and SNI through
 * Reactor Netty's SNI handler, with one Netty context per name of {@code tls.server.sni}.
 */
final class ReactorNettyTlsCustomizer implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

	private final ServerTls serverTls;

	ReactorNettyTlsCustomizer(ServerTls serverTls) {
		this.serverTls = serverTls;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		if (!this.serverTls.enabled()) {
			return;
		}
		HttpProtocol[] protocols = this.serverTls.http2() ? new HttpProtocol[] { HttpProtocol.H2, HttpProtocol.HTTP11 }
				: new HttpProtocol[] { HttpProtocol.HTTP11 };
		factory.addServerCustomizers((server) -> server.protocol(protocols)
			.secure(ReactorNettyTls.server(this.serverTls.byServerName(), this.serverTls.fallback(), protocols)));
	}

}
