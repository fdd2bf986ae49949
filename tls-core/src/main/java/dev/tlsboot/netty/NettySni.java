package dev.tlsboot.netty;

import java.util.IdentityHashMap;
import java.util.Map;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;

import dev.tlsboot.core.TlsContext;

/**
 * Server name indication for Netty servers: which {@link TlsContext} serves which host name a client asks for
 * ({@code tls.server.sni}).
 * <pre>{@code
 * Mapping<String, SslContext> sni = NettySni.mapping(Map.of("api.example.com", api, "*.example.com", web),
 *         web, NettyTlsImplementation.AUTO);
 * pipeline.addLast(NettySni.handler(sni, web));
 * }</pre>
 */
public final class NettySni {

	private NettySni() {
	}

	/**
	 * Map host names to server contexts. A name is exact ({@code api.example.com}) or a wildcard for one label
	 * ({@code *.example.com} matches {@code a.example.com}, not {@code example.com} nor {@code a.b.example.com});
	 * an exact name wins over a wildcard, and a client that sends no SNI or an unknown name gets the fallback.
	 * Names are compared without regard to case. A context named for several hosts is built once.
	 * @param contexts server contexts by host name
	 * @param fallback the context for every other name
	 * @param provider the TLS implementation for all of them
	 * @return the mapping, for {@link #handler} or an {@link SniHandler} of your own
	 */
	public static Mapping<String, SslContext> mapping(Map<String, TlsContext> contexts, TlsContext fallback,
			NettyTlsImplementation provider) {
		Map<TlsContext, SslContext> built = new IdentityHashMap<>();
		built.put(fallback, NettySslContext.forServer(fallback, provider));
		DomainWildcardMappingBuilder<SslContext> builder = new DomainWildcardMappingBuilder<>(built.get(fallback));
		contexts.forEach((host, context) -> builder.add(host,
				built.computeIfAbsent(context, (key) -> NettySslContext.forServer(key, provider))));
		return builder.build();
	}

	/**
	 * A handler that reads the ClientHello, picks the context by SNI and replaces itself with that context's
	 * {@link io.netty.handler.ssl.SslHandler}.
	 * @param mapping the mapping from {@link #mapping}
	 * @param fallback the fallback context, whose {@code handshake-timeout} bounds the wait for the ClientHello;
	 * the handshake after it has the timeout of the context chosen
	 * @return a new handler, one per channel
	 */
	public static SniHandler handler(Mapping<String, SslContext> mapping, TlsContext fallback) {
		return new ContextSniHandler(mapping, fallback.options().handshakeTimeout().toMillis());
	}

	private static final class ContextSniHandler extends SniHandler {

		ContextSniHandler(Mapping<String, SslContext> mapping, long handshakeTimeoutMillis) {
			super(mapping, handshakeTimeoutMillis);
		}

		/** SniHandler would give every handler its own timeout; a NettySslContext's handler has its context's. */
		@Override
		protected SslHandler newSslHandler(SslContext context, ByteBufAllocator allocator) {
			return (context instanceof NettySslContext) ? context.newHandler(allocator)
					: super.newSslHandler(context, allocator);
		}

	}

}
