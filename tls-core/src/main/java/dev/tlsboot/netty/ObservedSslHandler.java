package dev.tlsboot.netty;

import java.util.concurrent.Executor;

import javax.net.ssl.SSLEngine;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.observe.ConnectionObserver;
import dev.tlsboot.core.observe.EngineConnection;

/**
 * The SslHandler of every channel a {@link NettySslContext} serves. It puts a {@link HandshakeFailureExplainer} after
 * itself, so that the handlers after it (Reactor Netty's, and so WebClient and RestClient) see a failed handshake
 * explained, and reports a failure its engine cannot see to the context's registry: when the peer sends no TLS,
 * Netty closes the engine before it fails the handshake. On engines the context's SSLContext did not make (OpenSSL)
 * it also tracks the channel's connection: tracked when the handler joins a channel, started with the channel's
 * addresses once it is active, opened or failed with the handshake future, closed when the handler leaves the
 * channel, which a closed channel's handlers all do. On the context's own engines, which the JDK made without the
 * transport's addresses, it tells their connection the channel's addresses once it is active. Everything happens on
 * the channel's event loop.
 */
final class ObservedSslHandler extends SslHandler {

		private final HandshakeFailureExplainer explainer = new HandshakeFailureExplainer(this);

	/** Where an OpenSSL engine's connection is tracked; {@code null} for the context's own (observed) engines. */
	private final @Nullable ConnectionObserver observer;

	/** The library the handler was made for, or {@code null}. */
	private final @Nullable String consumer;

	private @Nullable EngineConnection connection;

	ObservedSslHandler(SSLEngine engine, boolean startTls, Executor tasks, @Nullable ConnectionObserver observer,
			@Nullable String consumer) {
		super(engine, startTls, tasks);
		this.observer = observer;
		this.consumer = consumer;
		// The context's own engines are tracked from their making: name their consumer before the handshake.
		if (observer == null && consumer != null) {
			ConnectionObserver.consumer(NettySslContext.contextEngine(engine), consumer);
		}
	}

	@Override
	public void handlerAdded(ChannelHandlerContext context) throws Exception {
		if (this.observer != null) {
			EngineConnection connection = this.observer.track(engine(), this.consumer);
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
		}
		else {
			if (context.channel().isActive()) {
				located(context.channel());
			}
			handshakeFuture().addListener((handshake) -> {
				if (!handshake.isSuccess()) {
					ConnectionObserver.handshakeFailed(NettySslContext.contextEngine(engine()), handshake.cause());
				}
			});
		}
		context.pipeline().addAfter(context.name(), null, this.explainer);
		// The handler starts a client's handshake here when the channel is already active: track it first.
		super.handlerAdded(context);
	}

	@Override
	public void channelActive(ChannelHandlerContext context) throws Exception {
		if (this.connection != null) {
			started(context.channel());
		}
		else {
			located(context.channel());
		}
		super.channelActive(context);
	}

	@Override
	public void handlerRemoved0(ChannelHandlerContext context) throws Exception {
		try {
			super.handlerRemoved0(context);
		}
		finally {
			if (this.connection != null) {
				this.connection.closed();
			}
			if (context.pipeline().context(this.explainer) != null) {
				context.pipeline().remove(this.explainer);
			}
		}
	}

	private void located(Channel channel) {
		ConnectionObserver.located(NettySslContext.contextEngine(engine()), channel.localAddress(), channel.remoteAddress());
	}

	/** Only the first call counts: a channel already active when the handler joined may still report it active. */
	private void started(Channel channel) {
		this.connection.started(channel.localAddress(), channel.remoteAddress());
	}

}
