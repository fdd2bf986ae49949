package dev.tlsboot.autoconfigure.client;

import java.util.Enumeration;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.SslProvider;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.http.client.reactive.ClientHttpConnector;

import dev.tlsboot.netty.ReactorNettyTls;

/**
 * WebClient's connector on Reactor Netty with everything the client context says. Spring Boot secures a Reactor Netty
 * client from an SSL bundle's managers alone, which leaves out ALPN (so no HTTP/2) and routing; so when the settings
 * carry TLS Boot's own bundle, the built client is secured again with {@link ReactorNettyTls}, with ALPN following
 * the HTTP protocols the client was configured with, on the implementation each context's {@code provider} option
 * asks for. Any other bundle, or another library, is built as Spring Boot
 * builds it.
 */
final class ReactorNettyClientTls {

	private final ClientTls tls;

	ReactorNettyClientTls(ClientTls tls) {
		this.tls = tls;
	}

	ClientHttpConnector connector(ClientHttpConnectorBuilder<?> builder, HttpClientSettings settings) {
		if (builder instanceof ReactorClientHttpConnectorBuilder reactor
				&& settings.sslBundle() instanceof ClientSslBundle) {
			return reactor.withHttpClientCustomizer(this::secure).build(settings);
		}
		return builder.build(settings);
	}

	/**
	 * Secure {@code client} with the client context (or the routes), for the HTTP protocols it speaks.
	 * @param client a Reactor Netty client, its protocols already set
	 * @return the secured client
	 */
	HttpClient secure(HttpClient client) {
		HttpProtocol[] protocols = client.configuration().protocols();
		SslProvider provider = this.tls.routes().isEmpty()
				? ReactorNettyTls.client(this.tls.context(), protocols)
				: ReactorNettyTls.client(this.tls.routes(), this.tls.context(), protocols);
		// OpenSSL keeps its own session cache: a connection resuming a session made before a reload would show the
		// server the old client certificate, so the cache is emptied when the client context reloads.
		SSLSessionContext sessions = provider.getSslContext().sessionContext();
		this.tls.context().onReload((reloaded) -> forget(sessions));
		return client.secure(provider);
	}

	/** Invalidate every session of {@code sessions}, so that no later handshake resumes one. */
	private static void forget(SSLSessionContext sessions) {
		if (sessions == null) {
			return;
		}
		for (Enumeration<byte[]> ids = sessions.getIds(); ids.hasMoreElements();) {
			SSLSession session = sessions.getSession(ids.nextElement());
			if (session != null) {
				session.invalidate();
			}
		}
	}

}
