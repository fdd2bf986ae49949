package dev.tlsboot.netty;

import java.util.concurrent.Executor;

import javax.net.ssl.SSLEngine;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;

import dev.tlsboot.core.observe.ConnectionObserver;
import dev.tlsboot.core.observe.EngineConnection;

/**
 * An SslHandler that reports its channel's connection to the context's observer, for engines the context's
 * SSLContext did not make (OpenSSL): tracked when the handler joins a channel, started with the channel's addresses
 * once it is active, opened or failed with the handshake future, closed when the handler leaves the channel, which a
 * closed channel's handlers all do. Everything happens on the channel's event loop.
 */
final class ObservedSslHandler extends SslHandler {

	private final ConnectionObserver observer;

	private EngineConnection connection;

	ObservedSslHandler(SSLEngine engine, boolean startTls, Executor tasks, ConnectionObserver observer) {
		super(engine, startTls, tasks);
		this.observer = observer;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext context) throws Exception {
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
		if (context.channel().isActive()) {
			started(context.channel());
		}
		// The handler starts a client's handshake here when the channel is already active: track it first.
		super.handlerAdded(context);
	}

	@Override
	public void channelActive(ChannelHandlerContext context) throws Exception {
		started(context.channel());
		super.channelActive(context);
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
	private void started(Channel channel) {
		this.connection.started(channel.localAddress(), channel.remoteAddress());
	}

}
