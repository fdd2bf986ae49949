package dev.tlsboot.netty;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;

import dev.tlsboot.core.status.RevocationStatus;
import dev.tlsboot.core.status.VerifyResult;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A Netty server on 127.0.0.1 and clients connecting to it. A client's connection counts once its handshake is done
 * and one byte went to the server and back, so that a server refusing a client certificate after a TLS 1.3
 * handshake is seen by the client too. Every wait has a timeout.
 */
final class NettyLoopback implements AutoCloseable {

	static final long TIMEOUT_SECONDS = 10;

	private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

	private final BlockingQueue<CompletableFuture<Handshake>> accepted = new LinkedBlockingQueue<>();

	private final Channel server;

	/**
	 * Listen on an ephemeral port.
	 * @param tls makes the TLS handler of each accepted channel ({@code SslHandler} or {@code SniHandler})
	 */
	NettyLoopback(Function<Channel, ChannelHandler> tls) throws InterruptedException {
		this.server = new ServerBootstrap().group(this.group)
			.channel(NioServerSocketChannel.class)
			.childHandler(new ChannelInitializer<Channel>() {

				@Override
				protected void initChannel(Channel channel) {
					CompletableFuture<Handshake> handshake = new CompletableFuture<>();
					NettyLoopback.this.accepted.add(handshake);
					channel.pipeline().addLast(tls.apply(channel), new Echo(handshake));
				}

			})
			.bind(InetAddress.getLoopbackAddress(), 0)
			.sync()
			.channel();
	}

	/** Skip a test that needs OpenSSL where netty-tcnative cannot load, and say why. */
	static void assumeAvailable(NettyTlsImplementation... providers) {
		if (List.of(providers).contains(NettyTlsImplementation.OPENSSL) && !OpenSsl.isAvailable()) {
			String reason = "OpenSSL (netty-tcnative) cannot load here: " + OpenSsl.unavailabilityCause();
			System.out.println("Skipped: " + reason);
			assumeTrue(false, reason);
		}
	}

	/**
	 * Connect under the name {@code host}, handshake and send a byte.
	 * @return the client's view, completed once the byte came back, failed when the handshake or the exchange fails
	 */
	CompletableFuture<Handshake> connect(SslContext client, String host) {
		CompletableFuture<Handshake> handshake = new CompletableFuture<>();
		connect(client, host, new Ping(handshake, true));
		return handshake;
	}

	/**
	 * As {@link #connect(SslContext, String)}, but the channel stays open.
	 * @return the client's channel once the byte came back, to be closed by the caller
	 */
	CompletableFuture<Channel> open(SslContext client, String host) {
		CompletableFuture<Handshake> handshake = new CompletableFuture<>();
		ChannelFuture connected = connect(client, host, new Ping(handshake, false));
		return handshake.thenApply((done) -> connected.channel());
	}

	private ChannelFuture connect(SslContext client, String host, Ping ping) {
		int port = port();
		ChannelFuture connected = new Bootstrap().group(this.group)
			.channel(NioSocketChannel.class)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS))
			.handler(new ChannelInitializer<Channel>() {

				@Override
				protected void initChannel(Channel channel) {
					channel.pipeline().addLast(client.newHandler(channel.alloc(), host, port), ping);
				}

			})
			.connect(InetAddress.getLoopbackAddress(), port);
		connected.addListener((future) -> {
			if (!future.isSuccess()) {
				ping.handshake.completeExceptionally(future.cause());
			}
		});
		return connected;
	}

	/** The server's view of the next accepted connection. */
	CompletableFuture<Handshake> accepted() throws InterruptedException {
		CompletableFuture<Handshake> next = this.accepted.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		if (next == null) {
			throw new IllegalStateException("No connection was accepted within " + TIMEOUT_SECONDS + " s");
		}
		return next;
	}

	int port() {
		return ((InetSocketAddress) this.server.localAddress()).getPort();
	}

	static Handshake await(CompletableFuture<Handshake> handshake) throws Exception {
		return handshake.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

	@Override
	public void close() throws InterruptedException {
		this.server.close().sync();
		this.group.shutdownGracefully(0, TIMEOUT_SECONDS, TimeUnit.SECONDS).sync();
	}

	/**
	 * What one end saw of a finished handshake.
	 * @param protocol the TLS protocol, e.g. {@code TLSv1.3}
	 * @param cipherSuite the suite, in its JSSE name
	 * @param applicationProtocol the ALPN protocol, {@code null} when none
	 * @param peerSubject the subject of the peer's certificate, {@code null} when it sent none
	 * @param verifyResult what TLS Boot's trust manager recorded about the peer's certificate
	 * @param revocation what TLS Boot's revocation check said about it, {@code null} when it did not check
	 */
	record Handshake(String protocol, String cipherSuite, String applicationProtocol, String peerSubject,
			VerifyResult verifyResult, RevocationStatus revocation) {

		static Handshake of(SslHandler handler) {
			SSLSession session = handler.engine().getSession();
			String peer;
			try {
				Certificate[] chain = session.getPeerCertificates();
				peer = ((X509Certificate) chain[0]).getSubjectX500Principal().getName();
			}
			catch (SSLPeerUnverifiedException ex) {
				peer = null;
			}
			return new Handshake(session.getProtocol(), session.getCipherSuite(), handler.applicationProtocol(), peer,
					VerifyResult.of(session), RevocationStatus.of(session));
		}

	}

	/** Follows one end's handshake into {@code handshake}; a failure or a closed channel fails it. */
	private abstract static class Probe extends ChannelInboundHandlerAdapter {

		final CompletableFuture<Handshake> handshake;

		Probe(CompletableFuture<Handshake> handshake) {
			this.handshake = handshake;
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext context, Object event) {
			if (event instanceof SslHandshakeCompletionEvent completion) {
				if (completion.isSuccess()) {
					// Looked up now: an SniHandler has replaced itself with the SslHandler it chose.
					handshaken(context, Handshake.of(context.pipeline().get(SslHandler.class)));
				}
				else {
					this.handshake.completeExceptionally(completion.cause());
				}
			}
			context.fireUserEventTriggered(event);
		}

		abstract void handshaken(ChannelHandlerContext context, Handshake done);

		@Override
		public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
			this.handshake.completeExceptionally(cause);
			context.close();
		}

		@Override
		public void channelInactive(ChannelHandlerContext context) {
			this.handshake.completeExceptionally(new ClosedChannelException());
		}

	}

	/** The server: done with the handshake, then sends back what it reads. */
	private static final class Echo extends Probe {

		Echo(CompletableFuture<Handshake> handshake) {
			super(handshake);
		}

		@Override
		void handshaken(ChannelHandlerContext context, Handshake done) {
			this.handshake.complete(done);
		}

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			context.writeAndFlush(message);
		}

	}

	/** The client: sends a byte after the handshake, and is done when it comes back; then closes, if asked. */
	private static final class Ping extends Probe {

		private final boolean close;

		private Handshake done;

		Ping(CompletableFuture<Handshake> handshake, boolean close) {
			super(handshake);
			this.close = close;
		}

		@Override
		void handshaken(ChannelHandlerContext context, Handshake done) {
			this.done = done;
			context.writeAndFlush(Unpooled.wrappedBuffer(new byte[] { 1 }));
		}

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			ReferenceCountUtil.release(message);
			this.handshake.complete(this.done);
			if (this.close) {
				context.close();
			}
		}

	}

}
