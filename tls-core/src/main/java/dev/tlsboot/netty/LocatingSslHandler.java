package dev.tlsboot.netty;

import java.util.concurrent.Executor;

import javax.net.ssl.SSLEngine;

import io.netty.channel.Channel;

import dev.tlsboot.core.observe.ConnectionObserver;

/**
 * An SslHandler on the JDK provider that tells the connection of the context's own (observed) engine its channel's
 * addresses once the channel is active, before the engine's first handshake step: the JDK made the engine without
 * them (a server's) or with the peer's host name alone (a client's). Everything else the engine reports itself.
 */
final class LocatingSslHandler extends ChannelSslHandler {

	/** The engine the context's SSLContext made, under the one Netty hands the handler. */
	private final SSLEngine observed;

	LocatingSslHandler(SSLEngine engine, boolean startTls, Executor tasks, SSLEngine observed) {
		super(engine, startTls, tasks);
		this.observed = observed;
	}

	@Override
	void active(Channel channel) {
		ConnectionObserver.located(this.observed, channel.localAddress(), channel.remoteAddress());
	}

}
