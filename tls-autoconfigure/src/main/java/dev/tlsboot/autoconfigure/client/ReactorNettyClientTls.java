package dev.tlsboot.autoconfigure.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.SslProvider;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;

import dev.tlsboot.netty.ReactorNettyTls;

/**
 * Reactor Netty clients (WebClient's connector, and RestClient's and RestTemplate's request factory) with everything
 * the client context says. Spring Boot secures a Reactor Netty client from an SSL bundle's managers alone, which
 * leaves out ALPN (so no HTTP/2) and routing, and keeps a session cache of its own that no reload reaches; so when the
 * settings carry TLS Boot's own bundle, the built client is secured again with {@link ReactorNettyTls}, with ALPN
 * following the HTTP protocols the client was configured with, on the implementation each context's {@code provider}
 * option asks for. Any other bundle, or another library, is built as Spring Boot builds it.
 */
final class ReactorNettyClientTls {

	private final ClientTls tls;

	/** One SSL provider, and so one session cache emptied on reload, per set of HTTP protocols. */
	private final Map<List<HttpProtocol>, SslProvider> providers = new ConcurrentHashMap<>();

	ReactorNettyClientTls(ClientTls tls) {
		this.tls = tls;
	}

	ClientHttpConnector connector(ClientHttpConnectorBuilder<?> builder, HttpClientSettings settings) {
		if (builder instanceof ReactorClientHttpConnectorBuilder reactor && isTlsBoot(settings)) {
			return reactor.withHttpClientCustomizer(this::secure).build(settings);
		}
		return builder.build(settings);
	}

	/**
	 * A request factory builder that builds as {@code reactor} does, and secures the client with this TLS when the
	 * settings carry TLS Boot's bundle.
	 * @param reactor Spring Boot's builder, customized as configured
	 * @return the builder to use instead
	 */
	ClientHttpRequestFactoryBuilder<ClientHttpRequestFactory> requestFactoryBuilder(
			ReactorClientHttpRequestFactoryBuilder reactor) {
		return (settings) -> isTlsBoot(settings) ? reactor.withHttpClientCustomizer(this::secure).build(settings)
				: reactor.build(settings);
	}

	private static boolean isTlsBoot(HttpClientSettings settings) {
		return settings != null && settings.sslBundle() instanceof ClientSslBundle;
	}

	/**
	 * Secure {@code client} with the client context (or the routes), for the HTTP protocols it speaks.
	 * @param client a Reactor Netty client, its protocols already set
	 * @return the secured client
	 */
	HttpClient secure(HttpClient client) {
		return client.secure(this.providers.computeIfAbsent(List.of(client.configuration().protocols()),
				this::sslProvider));
	}

	private SslProvider sslProvider(List<HttpProtocol> protocols) {
		HttpProtocol[] spoken = protocols.toArray(HttpProtocol[]::new);
		SslProvider provider = this.tls.routes().isEmpty() ? ReactorNettyTls.client(this.tls.context(), spoken)
				: ReactorNettyTls.client(this.tls.routes(), this.tls.context(), spoken);
		// OpenSSL keeps its own session cache, which the client context's reloads must empty too.
		this.tls.context().forgetSessionsOnReload(provider.getSslContext().sessionContext());
		return provider;
	}

}
