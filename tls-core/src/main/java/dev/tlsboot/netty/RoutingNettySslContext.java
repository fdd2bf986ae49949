package dev.tlsboot.netty;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSessionContext;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolNegotiator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

import dev.tlsboot.core.internal.HostPatterns;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.option.TlsRole;

/**
 * A client {@link SslContext} that makes each engine with the context the peer's host name routes to, the Netty
 * counterpart of {@link dev.tlsboot.core.RoutingSslContext}: one HTTP client, several CAs or client certificates.
 * Handlers are the routed context's own, so that its channels are observed as it observes them. Engines and handlers
 * made without a host, and everything not per connection (suites, {@link #sessionContext()}), are the fallback's;
 * each route's session cache is emptied when its own context reloads.
 */
final class RoutingNettySslContext extends SslContext {

	private final HostPatterns<NettySslContext> routes;

	private final NettySslContext fallback;

	/** Every Netty context built, one per TLS context. */
	private final Collection<NettySslContext> contexts;

	private RoutingNettySslContext(HostPatterns<NettySslContext> routes, Collection<NettySslContext> contexts) {
		this.routes = routes;
		this.fallback = routes.fallback();
		this.contexts = contexts;
	}

	/**
	 * Build one Netty context per TLS context, now, so that a bad one fails at startup rather than at its first call.
	 * @param routes TLS contexts by host name or {@code *.domain}
	 * @param fallback the context for hosts no pattern matches
	 * @param provider the TLS implementation of each context
	 * @param alpn the ALPN protocols of each context, given the HTTP protocols spoken
	 * @param consumer the library the engines and handlers are made for
	 */
	static RoutingNettySslContext create(Map<String, TlsContext> routes, TlsContext fallback,
			Function<TlsContext, NettyTlsImplementation> provider, Function<TlsContext, List<String>> alpn,
			String consumer) {
		Map<TlsContext, NettySslContext> built = new IdentityHashMap<>();
		Function<TlsContext, NettySslContext> build = (context) -> built.computeIfAbsent(context,
				(key) -> NettySslContext.create(key, provider.apply(key), TlsRole.CLIENT, alpn.apply(key))
					.consumer(consumer));
		Map<String, NettySslContext> byPattern = new LinkedHashMap<>();
		routes.forEach((pattern, context) -> byPattern.put(pattern, build.apply(context)));
		NettySslContext fallbackContext = build.apply(fallback);
		// OpenSSL keeps a session cache per Netty context: each route's reload must empty its own. The fallback's is
		// the one sessionContext() gives, which the caller hands to the fallback's reloads.
		built.forEach((context, netty) -> {
			if (context != fallback) {
				context.forgetSessionsOnReload(netty.sessionContext());
			}
		});
		return new RoutingNettySslContext(HostPatterns.of(byPattern, fallbackContext), built.values());
	}

	/** The Netty context of every route and of the fallback, each once. */
	Collection<NettySslContext> contexts() {
		return this.contexts;
	}

	/** The context whose engines a connection to {@code host} gets. */
	NettySslContext route(String host) {
		return this.routes.resolve(host);
	}

	/** The context for hosts no route names; its options set the handshake timeout. */
	NettySslContext fallback() {
		return this.fallback;
	}

	@Override
	public SSLEngine newEngine(ByteBufAllocator alloc, String peerHost, int peerPort) {
		return route(peerHost).newEngine(alloc, peerHost, peerPort);
	}

	@Override
	public SSLEngine newEngine(ByteBufAllocator alloc) {
		return this.fallback.newEngine(alloc);
	}

	@Override
	protected SslHandler newHandler(ByteBufAllocator alloc, boolean startTls) {
		return this.fallback.newHandler(alloc, startTls);
	}

	@Override
	protected SslHandler newHandler(ByteBufAllocator alloc, String peerHost, int peerPort, boolean startTls) {
		return route(peerHost).newHandler(alloc, peerHost, peerPort, startTls);
	}

	@Override
	protected SslHandler newHandler(ByteBufAllocator alloc, boolean startTls, Executor tasks) {
		return this.fallback.newHandler(alloc, startTls, tasks);
	}

	@Override
	protected SslHandler newHandler(ByteBufAllocator alloc, String peerHost, int peerPort, boolean startTls,
			Executor tasks) {
		return route(peerHost).newHandler(alloc, peerHost, peerPort, startTls, tasks);
	}

	@Override
	public boolean isClient() {
		return true;
	}

	@Override
	public List<String> cipherSuites() {
		return this.fallback.cipherSuites();
	}

	@Override
	@SuppressWarnings("deprecation")
	public ApplicationProtocolNegotiator applicationProtocolNegotiator() {
		return this.fallback.applicationProtocolNegotiator();
	}

	@Override
	public SSLSessionContext sessionContext() {
		return this.fallback.sessionContext();
	}

	@Override
	public String toString() {
		return "RoutingNettySslContext [fallback " + this.fallback + "]";
	}

}
