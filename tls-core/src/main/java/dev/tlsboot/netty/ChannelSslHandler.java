package dev.tlsboot.netty;

import java.util.concurrent.Executor;

import javax.net.ssl.SSLEngine;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;

/**
 * An SslHandler that learns of its channel being active before its engine's first handshake step: at once when it
 * joins an active channel, else when the channel becomes active.
 */
abstract class ChannelSslHandler extends SslHandler {

	ChannelSslHandler(SSLEngine engine, boolean startTls, Executor tasks) {
		super(engine, startTls, tasks);
	}

	/** The handler joined a channel, which may be active already. */
	void joined() {
	}

	/**
	 * The channel is active. A channel already active when the handler joined may still report it once more: only
	 * the first call may count.
	 */
	abstract void active(Channel channel);

	@Override
	public void handlerAdded(ChannelHandlerContext context) throws Exception {
		joined();
		if (context.channel().isActive()) {
			active(context.channel());
		}
		// The handler starts a client's handshake here when the channel is already active.
		super.handlerAdded(context);
	}

	@Override
	public void channelActive(ChannelHandlerContext context) throws Exception {
		active(context.channel());
		super.channelActive(context);
	}

}
