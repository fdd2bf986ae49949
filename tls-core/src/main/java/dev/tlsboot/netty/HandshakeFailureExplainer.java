package dev.tlsboot.netty;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.TlsHandshakeException;
import dev.tlsboot.core.observe.HandshakeFailure;

/**
 * Follows an {@link ObservedSslHandler} in its pipeline and hands the handlers after it a failed handshake as a
 * {@link TlsHandshakeException} that explains it, as {@code TlsContext.connect} throws: in the
 * {@link SslHandshakeCompletionEvent} and in place of the exception (Reactor Netty fails the connection with either,
 * and WebClient and RestClient report its message). The raw failure stays its cause. It leaves the pipeline once the
 * handshake completed.
 */
final class HandshakeFailureExplainer extends ChannelInboundHandlerAdapter {

	private final SslHandler ssl;

	private @Nullable TlsHandshakeException explained;

	HandshakeFailureExplainer(SslHandler ssl) {
		this.ssl = ssl;
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
		if (event instanceof SslHandshakeCompletionEvent completion && !completion.isSuccess()) {
			context.fireUserEventTriggered(new SslHandshakeCompletionEvent(explained(context, completion.cause())));
			return;
		}
		context.fireUserEventTriggered(event);
		if (event instanceof SslHandshakeCompletionEvent) {
			context.pipeline().remove(this);
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext context, Throwable cause) throws Exception {
		Throwable handshake = this.ssl.handshakeFuture().cause();
		// Netty fails the handshake with what decode threw, which then also arrives wrapped in a DecoderException
		boolean failedIt = handshake != null
				&& (cause == handshake || (cause instanceof DecoderException && cause.getCause() == handshake));
		context.fireExceptionCaught(failedIt ? explained(context, handshake) : cause);
	}

	/** One explanation per channel, the same for the event and each exception. */
	private TlsHandshakeException explained(ChannelHandlerContext context, Throwable failure) {
		if (this.explained == null) {
			this.explained = (failure instanceof TlsHandshakeException explainedAlready) ? explainedAlready
					: new TlsHandshakeException(peer(context), HandshakeFailure.explain(failure), failure);
		}
		return this.explained;
	}

	/** The host a client connects to, as it asked for it; else the channel's remote address. */
	private String peer(ChannelHandlerContext context) {
		String host = this.ssl.engine().getPeerHost();
		if (host != null) {
			return host + ":" + this.ssl.engine().getPeerPort();
		}
		SocketAddress remote = context.channel().remoteAddress();
		return (remote instanceof InetSocketAddress inet) ? inet.getHostString() + ":" + inet.getPort()
				: String.valueOf(remote);
	}

}
