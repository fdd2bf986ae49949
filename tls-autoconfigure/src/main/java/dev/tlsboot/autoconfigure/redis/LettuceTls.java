package dev.tlsboot.autoconfigure.redis;

import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.observe.TlsConsumers;
import dev.tlsboot.netty.NettySslContext;
import dev.tlsboot.netty.NettyTlsImplementation;

/**
 * Puts TLS Boot's handler on every Lettuce channel in place of the one Lettuce made from the bundle's managers: the
 * same key and trust, but on an engine TLS Boot observes, so that the connection is in the registry as
 * {@code redis}, its failures are explained, and the host name is checked as the context's {@code require} says.
 * Lettuce builds its handler before this customizer runs and never starts it, so replacing it costs only the making.
 */
final class LettuceTls implements NettyCustomizer {

	private final NettySslContext sslContext;

	LettuceTls(TlsContext context) {
		this.sslContext = NettySslContext.forClient(context, NettyTlsImplementation.of(context.options().provider()))
			.consumer(TlsConsumers.REDIS);
	}

	@Override
	public void afterChannelInitialized(Channel channel) {
		ChannelPipeline pipeline = channel.pipeline();
		SslHandler lettuce = pipeline.get(SslHandler.class);
		if (lettuce == null) {
			return;
		}
		// Lettuce made its engine for the host and port of the Redis URI (or the resolved node of a cluster)
		String host = lettuce.engine().getPeerHost();
		int port = lettuce.engine().getPeerPort();
		SslHandler handler = (host != null) ? this.sslContext.newHandler(channel.alloc(), host, port)
				: this.sslContext.newHandler(channel.alloc());
		pipeline.replace(lettuce, null, handler);
	}

	@Override
	public String toString() {
		return "LettuceTls [" + this.sslContext + "]";
	}

}
