package dev.tlsboot.netty;

import java.util.concurrent.Executor;

import javax.net.ssl.SSLEngine;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;

import dev.tlsboot.core.observe.ConnectionObserver;
import dev.tlsboot.core.observe.EngineConnection;

/**
 * An SslHandler that reports its channel's connection to the context's observer, for engines the context's
 * SSLContext did not make (OpenSSL): tracked when the handler joins a channel, started with the channel's addresses
 * once it is active, opened or failed with the handshake future, closed when the handler leaves the channel, which a
 * closed channel's handlers all do. Everything happens on the channel's event loop.
 */
final class ObservedSslHandler extends ChannelSslHandler {

	private final ConnectionObserver observer;

	private EngineConnection connection;

	ObservedSslHandler(SSLEngine engine, boolean startTls, Executor tasks, ConnectionObserver observer) {
		super(engine, startTls, tasks);
		this.observer = observer;
	}

	@Override
	void joined() {
		EngineConnection connection = this.observer.track(engine());
		this.connection = connection;
		handshakeFuture().addListener((handshake) -> {
			if (handshake.isSuccess()) {
				connection.opened();
			}
			else {
				connection.failed(handshake.cause());
			}
		});
	}

	@Override
	public void handlerRemoved0(ChannelHandlerContext context) throws Exception {
		try {
			super.handlerRemoved0(context);
		}
		finally {
			this.connection.closed();
		}
	}

	/** Only the first call counts: a channel already active when the handler joined may still report it active. */
	@Override
	void active(Channel channel) {
		this.connection.started(channel.localAddress(), channel.remoteAddress());
	}

}
