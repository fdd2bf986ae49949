package dev.tlsboot.benchmarks;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.net.ssl.SSLSession;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.ReferenceCountUtil;

import dev.tlsboot.benchmarks.BulkDriver.Sender;
import dev.tlsboot.benchmarks.BulkDriver.Transfer;
import dev.tlsboot.benchmarks.HandshakeDriver.Exchange;
import dev.tlsboot.benchmarks.HandshakeDriver.Exchanger;
import dev.tlsboot.benchmarks.Trial.Budget;
import dev.tlsboot.netty.NettySslContext;
import dev.tlsboot.netty.NettyTlsImplementation;

/**
 * (d), (e): Netty channels on 127.0.0.1, secured by {@link NettySslContext#forServer} and
 * {@link NettySslContext#forClient} from (b)'s TLS Boot contexts, on the JDK or the OpenSSL provider. A server
 * channel on one NIO event loop, and a client on another that makes one connection at a time, as the socket
 * drivers do; both with {@code TCP_NODELAY} and a {@value Endpoints#TIMEOUT_MILLIS} ms read and connect timeout.
 * The handshake trial ({@link #exchanger()}) and the bulk trial ({@link #sender()}) share the channels and differ
 * only in their last handler. BoringSSL cannot be held to one TLS 1.3 suite, so on OpenSSL the setup's suite is not
 * asked for and the report names the suite it chose.
 */
final class NettyLoopback {

	/**
	 * The client's write buffer limits in bulk: a 64 KiB write stays queued while the socket drains, much as a
	 * blocking socket's send buffer holds it.
	 */
	private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(512 * 1024, 1024 * 1024);

	private final NettySslContext server;

	private final NettySslContext client;

	private final NettyTlsImplementation provider;

	private NettyLoopback(NettySslContext server, NettySslContext client, NettyTlsImplementation provider) {
		this.server = server;
		this.client = client;
		this.provider = provider;
	}

	/**
	 * Netty contexts for {@code setup} on {@code provider}.
	 * @param setup the setup
	 * @param provider {@link NettyTlsImplementation#JDK} or {@link NettyTlsImplementation#OPENSSL}
	 * @param variant the TLS Boot contexts' registry, provider option and groups
	 * @return the contexts, no channel open yet
	 * @throws Trial.Skipped when OpenSSL is asked for and netty-tcnative does not load here, or as
	 * {@link TlsBoot#checkGroups}
	 */
	static NettyLoopback of(Setup setup, NettyTlsImplementation provider, TlsBoot.Variant variant)
			throws Trial.Skipped {
		boolean openSsl = provider == NettyTlsImplementation.OPENSSL;
		if (openSsl && !OpenSsl.isAvailable()) {
			throw new Trial.Skipped("netty-tcnative does not load here: " + OpenSsl.unavailabilityCause());
		}
		TlsBoot.checkGroups(setup, variant);
		TlsBoot.Contexts contexts = TlsBoot.contexts(setup, variant, !openSsl);
		return new NettyLoopback(NettySslContext.forServer(contexts.server(), provider),
				NettySslContext.forClient(contexts.client(), provider), provider);
	}

	/** Handshakes: the server notes the client's certificate and answers one byte, then closes. */
	Exchanger exchanger() throws InterruptedException {
		AtomicBoolean clientCertificate = new AtomicBoolean();
		Channels channels = new Channels(() -> new Answer(clientCertificate), null);
		return new Exchanger() {

			@Override
			public Exchange exchange(boolean forget) throws Exception {
				CompletableFuture<Exchange> done = new CompletableFuture<>();
				Channel channel = channels.connect(new Ping(done, forget, clientCertificate));
				try {
					return await(done, Endpoints.TIMEOUT_MILLIS);
				}
				finally {
					channel.close().await(Endpoints.TIMEOUT_MILLIS);
				}
			}

			@Override
			public void disableResumption() {
				if (NettyLoopback.this.provider == NettyTlsImplementation.OPENSSL) {
					((OpenSslSessionContext) NettyLoopback.this.client.sessionContext()).setSessionCacheEnabled(false);
				}
			}

			@Override
			public void check() throws IOException {
				channels.check();
			}

			@Override
			public String suiteChooser() {
				return NettyLoopback.this.suiteChooser();
			}

			@Override
			public void close() throws InterruptedException {
				channels.close();
			}

		};
	}

	/** Bulk: the client writes 64 KiB buffers from its event loop while the channel is writable; the server drops them. */
	Sender sender() throws InterruptedException {
		AtomicLong received = new AtomicLong();
		Channels channels = new Channels(() -> new Drain(received), WATER_MARK);
		ByteBuf buffer = Unpooled.directBuffer(BulkDriver.WRITE_SIZE);
		byte[] random = new byte[BulkDriver.WRITE_SIZE];
		ThreadLocalRandom.current().nextBytes(random);
		buffer.writeBytes(random);
		return new Sender() {

			@Override
			public Transfer send(Budget budget) throws Exception {
				long before = received.get();
				CompletableFuture<Writer> done = new CompletableFuture<>();
				Channel channel = channels.connect(new Writer(buffer, budget, done));
				try {
					Writer writer = await(done, budget.time().toMillis() + Endpoints.TIMEOUT_MILLIS);
					BulkDriver.awaitReceived(received, before + writer.writes * BulkDriver.WRITE_SIZE);
					double seconds = (System.nanoTime() - writer.start) / 1e9;
					channels.check();
					return new Transfer(writer.session, writer.writes, seconds);
				}
				finally {
					channel.close().await(Endpoints.TIMEOUT_MILLIS);
				}
			}

			@Override
			public String suiteChooser() {
				return NettyLoopback.this.suiteChooser();
			}

			@Override
			public void close() throws InterruptedException {
				channels.close();
				buffer.release();
			}

		};
	}

	private String suiteChooser() {
		return (this.provider == NettyTlsImplementation.OPENSSL) ? TlsBoot.BORINGSSL : null;
	}

	private static <T> T await(CompletableFuture<T> future, long millis) throws Exception {
		try {
			return future.get(millis, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

	/**
	 * A listening server channel and a client bootstrap, each on an event loop of its own. Server-side failures are
	 * kept for {@link #check()}, as {@link LoopbackServer} keeps them.
	 */
	private final class Channels {

		private final EventLoopGroup serverGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

		private final EventLoopGroup clientGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

		private final AtomicLong failures = new AtomicLong();

		private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

		private final Bootstrap bootstrap;

		private final Channel listener;

		/**
		 * Start the server.
		 * @param serverHandler the last handler of each accepted channel
		 * @param clientWaterMark the client's write buffer limits, or {@code null} for Netty's
		 */
		Channels(Supplier<ChannelHandler> serverHandler, WriteBufferWaterMark clientWaterMark)
				throws InterruptedException {
			ServerBootstrap server = new ServerBootstrap().group(this.serverGroup)
				.channel(NioServerSocketChannel.class)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childHandler(new ChannelInitializer<SocketChannel>() {

					@Override
					protected void initChannel(SocketChannel channel) {
						channel.pipeline()
							.addLast(new ReadTimeoutHandler(Endpoints.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS),
									NettyLoopback.this.server.newHandler(channel.alloc()), serverHandler.get(),
									new FailureCounter());
					}

				});
			this.listener = server.bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
			this.bootstrap = new Bootstrap().group(this.clientGroup)
				.channel(NioSocketChannel.class)
				.option(ChannelOption.TCP_NODELAY, true)
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Endpoints.TIMEOUT_MILLIS);
			if (clientWaterMark != null) {
				this.bootstrap.option(ChannelOption.WRITE_BUFFER_WATER_MARK, clientWaterMark);
			}
		}

		/**
		 * Open a client channel to the server: a byte counter, the TLS handler for {@value Endpoints#HOST}, then
		 * {@code handler}, which completes its own future.
		 * @return the channel, connected
		 */
		Channel connect(ClientHandler<?> handler) throws Exception {
			int port = ((InetSocketAddress) this.listener.localAddress()).getPort();
			return this.bootstrap.clone()
				.handler(new ChannelInitializer<SocketChannel>() {

					@Override
					protected void initChannel(SocketChannel channel) {
						SslHandler tls = NettyLoopback.this.client.newHandler(channel.alloc(), Endpoints.HOST, port);
						handler.tls = tls;
						channel.pipeline()
							.addLast(new ReadTimeoutHandler(Endpoints.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS),
									handler.counter, tls, handler);
					}

				})
				.connect(InetAddress.getLoopbackAddress(), port)
				.sync()
				.channel();
		}

		void check() throws IOException {
			if (this.failures.get() > 0) {
				throw new IOException(this.failures.get() + " connections failed on the server's side, the first "
						+ "with: " + this.firstFailure.get(), this.firstFailure.get());
			}
		}

		void close() throws InterruptedException {
			this.listener.close().await(Endpoints.TIMEOUT_MILLIS);
			this.clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(Endpoints.TIMEOUT_MILLIS);
			this.serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(Endpoints.TIMEOUT_MILLIS);
		}

		/** The last handler of a server channel: counts what failed there and closes the channel. */
		private final class FailureCounter extends ChannelInboundHandlerAdapter {

			@Override
			public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
				Channels.this.failures.incrementAndGet();
				Channels.this.firstFailure.compareAndSet(null, cause);
				context.close();
			}

		}

	}

	/** The server's side of a handshake: note the client's certificate, answer the client's byte, close. */
	private static final class Answer extends ChannelInboundHandlerAdapter {

		private final AtomicBoolean clientCertificate;

		Answer(AtomicBoolean clientCertificate) {
			this.clientCertificate = clientCertificate;
		}

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			ByteBuf ping = (ByteBuf) message;
			if (!ping.isReadable()) {
				ping.release();
				return;
			}
			SSLSession session = context.pipeline().get(SslHandler.class).engine().getSession();
			this.clientCertificate.set(HandshakeDriver.hasPeerCertificate(session));
			context.writeAndFlush(ping.retainedSlice(ping.readerIndex(), 1)).addListener(ChannelFutureListener.CLOSE);
			ping.release();
		}

	}

	/**
	 * The client's last handler: sees the handshake end, or the channel fail or close first, and counts the bytes
	 * the client received with {@link #counter}, which goes first in the pipeline.
	 */
	private abstract static class ClientHandler<T> extends ChannelInboundHandlerAdapter {

		/** Completed with the outcome, or exceptionally. */
		final CompletableFuture<T> done;

		final ChannelInboundHandlerAdapter counter = new ChannelInboundHandlerAdapter() {

			@Override
			public void channelRead(ChannelHandlerContext context, Object message) {
				ClientHandler.this.received += ((ByteBuf) message).readableBytes();
				context.fireChannelRead(message);
			}

		};

		SslHandler tls;

		long received;

		ClientHandler(CompletableFuture<T> done) {
			this.done = done;
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
			if (event instanceof SslHandshakeCompletionEvent completion) {
				if (completion.isSuccess()) {
					handshaken(context);
				}
				else {
					fail(context, completion.cause());
				}
			}
			context.fireUserEventTriggered(event);
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
			fail(context, cause);
		}

		@Override
		public void channelInactive(ChannelHandlerContext context) {
			fail(context, new EOFException("The server closed the connection early"));
		}

		/** The handshake succeeded. */
		abstract void handshaken(ChannelHandlerContext context);

		/** Complete the future exceptionally, unless it is done, and close. */
		private void fail(ChannelHandlerContext context, Throwable cause) {
			if (this.done.completeExceptionally(cause)) {
				context.close();
			}
		}

	}

	/** A handshake's client: sends one byte, completes with what the server's answer showed, then closes. */
	private static final class Ping extends ClientHandler<Exchange> {

		private final boolean forget;

		private final AtomicBoolean clientCertificate;

		Ping(CompletableFuture<Exchange> done, boolean forget, AtomicBoolean clientCertificate) {
			super(done);
			this.forget = forget;
			this.clientCertificate = clientCertificate;
		}

		@Override
		void handshaken(ChannelHandlerContext context) {
			context.writeAndFlush(Unpooled.wrappedBuffer(new byte[] { 1 }));
		}

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			ByteBuf pong = (ByteBuf) message;
			try {
				if (!pong.isReadable()) {
					return;
				}
				SSLSession session = this.tls.engine().getSession();
				if (this.forget) {
					session.invalidate();
				}
				this.done.complete(new Exchange(session, this.received, this.clientCertificate.get()));
				context.close();
			}
			finally {
				ReferenceCountUtil.release(pong);
			}
		}

	}

	/**
	 * A bulk client: once handshaken, writes the buffer while the channel is writable and the budget allows, from
	 * the event loop, then completes with the count; the caller waits for the server to read it all.
	 */
	private static final class Writer extends ClientHandler<Writer> {

		private final ByteBuf buffer;

		private final Budget budget;

		private SSLSession session;

		private long start;

		private long writes;

		Writer(ByteBuf buffer, Budget budget, CompletableFuture<Writer> done) {
			super(done);
			this.buffer = buffer;
			this.budget = budget;
		}

		@Override
		void handshaken(ChannelHandlerContext context) {
			this.session = this.tls.engine().getSession();
			this.start = System.nanoTime();
			writeMore(context);
		}

		@Override
		public void channelWritabilityChanged(ChannelHandlerContext context) {
			if (this.start != 0 && !this.done.isDone() && context.channel().isWritable()) {
				writeMore(context);
			}
			context.fireChannelWritabilityChanged();
		}

		private void writeMore(ChannelHandlerContext context) {
			while (context.channel().isWritable() && this.budget.allows(this.start, this.writes)) {
				context.write(this.buffer.retainedDuplicate());
				this.writes++;
			}
			context.flush();
			if (!this.budget.allows(this.start, this.writes)) {
				this.done.complete(this);
			}
		}

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			ReferenceCountUtil.release(message);
		}

	}

	/** The server's side of bulk: count what arrives and drop it. */
	private static final class Drain extends ChannelInboundHandlerAdapter {

		private final AtomicLong received;

		Drain(AtomicLong received) {
			this.received = received;
		}

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			this.received.addAndGet(((ByteBuf) message).readableBytes());
			ReferenceCountUtil.release(message);
		}

	}

}
