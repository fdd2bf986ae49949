package dev.tlsboot.netty;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import reactor.netty.http.HttpProtocol;
import reactor.netty.tcp.SslProvider;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.internal.HostPatterns;
import dev.tlsboot.core.observe.TlsConsumers;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.option.TlsRole;

/**
 * Reactor Netty {@link SslProvider}s that carry everything a {@link TlsContext} says, for
 * {@code HttpClient.secure(SslProvider)} and {@code HttpServer.secure(SslProvider)}.
 * <pre>{@code
 * HttpServer.create().protocol(HttpProtocol.H2, HttpProtocol.HTTP11)
 *         .secure(ReactorNettyTls.server(web, NettyTlsImplementation.AUTO, HttpProtocol.H2, HttpProtocol.HTTP11));
 * HttpClient.create().protocol(HttpProtocol.H2)
 *         .secure(ReactorNettyTls.client(billing, NettyTlsImplementation.AUTO, HttpProtocol.H2));
 * }</pre>
 * HTTP/2 over TLS is only chosen through ALPN, so the HTTP protocols given here decide ALPN when the context sets no
 * {@code alpn} of its own, and must agree with it when it does. The factories without a
 * {@link NettyTlsImplementation} take each context's own, from its {@code provider} option
 * ({@link NettyTlsImplementation#of(dev.tlsboot.core.TlsImplementation)}).
 */
public final class ReactorNettyTls {

	private ReactorNettyTls() {
	}

	/**
	 * A client provider: SNI and the host name check from the host connected to, as the context says.
	 * @param context the TLS context
	 * @param provider the TLS implementation
	 * @param protocols the HTTP protocols the client is configured with ({@code HttpClient.protocol(...)})
	 * @return the SSL provider
	 * @throws TlsConfigurationException when HTTP/2 is asked for and the context's {@code alpn} lacks {@code h2}
	 */
	public static SslProvider client(TlsContext context, NettyTlsImplementation provider, HttpProtocol... protocols) {
		return sslProvider(NettySslContext.create(context, provider, TlsRole.CLIENT, alpn(context, protocols))
			.consumer(TlsConsumers.HTTP_CLIENT));
	}

	/**
	 * As {@link #client(TlsContext, NettyTlsImplementation, HttpProtocol...)}, on the implementation the context's
	 * {@code provider} option asks for.
	 * @param context the TLS context
	 * @param protocols the HTTP protocols the client is configured with ({@code HttpClient.protocol(...)})
	 * @return the SSL provider
	 */
	public static SslProvider client(TlsContext context, HttpProtocol... protocols) {
		return client(context, providerOf(context), protocols);
	}

	/**
	 * A client provider that connects each host with the context its name routes to, like
	 * {@link dev.tlsboot.core.RoutingSslContext}: SNI, the host name check, ALPN and the certificates of the routed
	 * context; the handshake timeout of the fallback.
	 * @param routes contexts by host name or {@code *.domain}, the most specific pattern first
	 * @param fallback the context for hosts no pattern matches
	 * @param provider the TLS implementation
	 * @param protocols the HTTP protocols the client is configured with ({@code HttpClient.protocol(...)})
	 * @return the SSL provider
	 * @throws TlsConfigurationException when HTTP/2 is asked for and a context's {@code alpn} lacks {@code h2}
	 */
	public static SslProvider client(Map<String, TlsContext> routes, TlsContext fallback,
			NettyTlsImplementation provider, HttpProtocol... protocols) {
		return client(routes, fallback, (context) -> provider, protocols);
	}

	/**
	 * As {@link #client(Map, TlsContext, NettyTlsImplementation, HttpProtocol...)}, each context on the
	 * implementation its {@code provider} option asks for.
	 * @param routes contexts by host name or {@code *.domain}, the most specific pattern first
	 * @param fallback the context for hosts no pattern matches
	 * @param protocols the HTTP protocols the client is configured with ({@code HttpClient.protocol(...)})
	 * @return the SSL provider
	 */
	public static SslProvider client(Map<String, TlsContext> routes, TlsContext fallback, HttpProtocol... protocols) {
		return client(routes, fallback, ReactorNettyTls::providerOf, protocols);
	}

	private static SslProvider client(Map<String, TlsContext> routes, TlsContext fallback,
			Function<TlsContext, NettyTlsImplementation> provider, HttpProtocol... protocols) {
		RoutingNettySslContext routing = RoutingNettySslContext.create(routes, fallback, provider,
				(context) -> alpn(context, protocols), TlsConsumers.HTTP_CLIENT);
		return sslProvider(routing, fallback, (handler) -> routing.route(handler.engine().getPeerHost())
			.initEngine(handler.engine()));
	}

	/**
	 * A server provider.
	 * @param context the TLS context, with a certificate
	 * @param provider the TLS implementation
	 * @param protocols the HTTP protocols the server is configured with ({@code HttpServer.protocol(...)})
	 * @return the SSL provider
	 * @throws TlsConfigurationException when the context has no certificate, or HTTP/2 is asked for and the
	 * context's {@code alpn} lacks {@code h2}
	 */
	public static SslProvider server(TlsContext context, NettyTlsImplementation provider, HttpProtocol... protocols) {
		return sslProvider(NettySslContext.create(context, provider, TlsRole.SERVER, alpn(context, protocols))
			.consumer(TlsConsumers.HTTP_SERVER));
	}

	/**
	 * A server provider that picks the context by the host name a client asks for (SNI), on either provider: exact
	 * names first, then the longest {@code *.domain} (as {@link HostPatterns} matches), then {@code fallback}, which
	 * also serves clients that send no name. A context named for several patterns is built once.
	 * @param byHostPattern server contexts by host name or {@code *.domain}, each with a certificate; empty for none
	 * @param fallback the context for every other client
	 * @param provider the TLS implementation for all of them
	 * @param protocols the HTTP protocols the server is configured with
	 * @return the SSL provider
	 * @throws TlsConfigurationException as {@link #server(TlsContext, NettyTlsImplementation, HttpProtocol...)}, for
	 * any context
	 */
	public static SslProvider server(Map<String, TlsContext> byHostPattern, TlsContext fallback,
			NettyTlsImplementation provider, HttpProtocol... protocols) {
		return server(byHostPattern, fallback, (context) -> provider, protocols);
	}

	/**
	 * As {@link #server(Map, TlsContext, NettyTlsImplementation, HttpProtocol...)}, each context on the
	 * implementation its {@code provider} option asks for.
	 * @param byHostPattern server contexts by host name or {@code *.domain}, each with a certificate; empty for none
	 * @param fallback the context for every other client
	 * @param protocols the HTTP protocols the server is configured with
	 * @return the SSL provider
	 */
	public static SslProvider server(Map<String, TlsContext> byHostPattern, TlsContext fallback,
			HttpProtocol... protocols) {
		return server(byHostPattern, fallback, ReactorNettyTls::providerOf, protocols);
	}

	private static SslProvider server(Map<String, TlsContext> byHostPattern, TlsContext fallback,
			Function<TlsContext, NettyTlsImplementation> provider, HttpProtocol... protocols) {
		NettySslContext fallbackContext = NettySslContext
			.create(fallback, provider.apply(fallback), TlsRole.SERVER, alpn(fallback, protocols))
			.consumer(TlsConsumers.HTTP_SERVER);
		if (byHostPattern.isEmpty()) {
			return sslProvider(fallbackContext);
		}
		Map<TlsContext, SslProvider> built = new IdentityHashMap<>();
		Map<String, SslProvider> byHost = new LinkedHashMap<>();
		byHostPattern.forEach((host, context) -> byHost.put(host,
				built.computeIfAbsent(context, (key) -> server(key, provider.apply(key), protocols))));
		HostPatterns<SslProvider> sni = HostPatterns.of(byHost, sslProvider(fallbackContext));
		return builder(fallbackContext).setSniAsyncMappings((host, promise) -> promise.setSuccess(sni.resolve(host)))
			.build();
	}

	private static NettyTlsImplementation providerOf(TlsContext context) {
		return NettyTlsImplementation.of(context.options().provider());
	}

	private static SslProvider sslProvider(NettySslContext sslContext) {
		return builder(sslContext).build();
	}

	/**
	 * Reactor Netty sets its own timeouts on each handler, so they are passed on; and the context's host name
	 * policy is applied after Reactor Netty's ({@code HttpClient.secure(spec)} turns the check on regardless).
	 */
	private static SslProvider.Builder builder(NettySslContext sslContext) {
		return builder(sslContext, sslContext.tlsContext(), (handler) -> sslContext.initEngine(handler.engine()));
	}

	private static SslProvider sslProvider(SslContext sslContext, TlsContext timeouts,
			Consumer<SslHandler> initEngine) {
		return builder(sslContext, timeouts, initEngine).build();
	}

	private static SslProvider.Builder builder(SslContext sslContext, TlsContext timeouts,
			Consumer<SslHandler> initEngine) {
		return SslProvider.builder()
			.sslContext(sslContext)
			.handshakeTimeout(timeouts.options().handshakeTimeout())
			.closeNotifyFlushTimeout(NettySslContext.CLOSE_NOTIFY_FLUSH_TIMEOUT)
			.handlerConfigurator(initEngine);
	}

	/** The context's {@code alpn} when set (it must offer h2 for HTTP/2), else one name per HTTP protocol over TLS. */
	private static List<String> alpn(TlsContext context, HttpProtocol... protocols) {
		List<String> configured = context.options().alpn();
		List<String> wanted = new ArrayList<>();
		for (HttpProtocol protocol : protocols) {
			if (protocol == HttpProtocol.H2) {
				wanted.add("h2");
			}
			else if (protocol == HttpProtocol.HTTP11) {
				wanted.add("http/1.1");
			}
		}
		if (configured.isEmpty()) {
			return wanted;
		}
		if (wanted.contains("h2") && !configured.contains("h2")) {
			throw new TlsConfigurationException(TlsOption.ALPN, null,
					"HTTP/2 is asked for, but context '" + context.name() + "' offers " + configured
							+ " by ALPN, and HTTP/2 over TLS is only ever chosen through ALPN.",
					"Add h2 to 'alpn' (for example h2, http/1.1), or leave 'alpn' empty to have it follow the "
							+ "HTTP protocols.");
		}
		return configured;
	}

}
