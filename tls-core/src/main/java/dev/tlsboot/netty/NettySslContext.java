package dev.tlsboot.netty;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;

import org.jspecify.annotations.Nullable;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolNegotiator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ImmediateExecutor;

import dev.tlsboot.core.AcmeTlsChallenges;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.observe.ConnectionObserver;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.option.TlsRole;

/**
 * A Netty {@link SslContext} that carries everything a {@link TlsContext} says, on the JDK or the OpenSSL provider:
 * key and chain, the context's verifying trust manager, protocols, cipher suites, ALPN, client authentication,
 * session cache settings, and for clients SNI ({@code servername}/{@code autoservername}) and the host name check
 * ({@code require}). Every {@link SslHandler} it makes has the context's {@code handshake-timeout} and a close_notify
 * flush timeout, whoever asks for it ({@code SniHandler}, Reactor Netty, or a pipeline of your own).
 * <pre>{@code
 * NettySslContext client = NettySslContext.forClient(tls, NettyTlsImplementation.AUTO);
 * pipeline.addLast(client.newHandler(channel.alloc(), "billing.internal", 443));
 * }</pre>
 * A client handler must be made with the peer's host and port, as above: they are the SNI and the name checked.
 * One difference remains between the providers: OpenSSL always sends a host name given here as SNI, even with
 * {@code autoservername} off.
 * <p>
 * Every channel is in the context's {@link dev.tlsboot.core.observe.ConnectionRegistry}, as its sockets are: the JDK
 * provider drives the context's own (observed) engines, and on OpenSSL each handler reports its channel's handshake
 * and close itself. A failed handshake reaches the handlers after the {@code SslHandler} as a
 * {@link dev.tlsboot.core.TlsHandshakeException} that explains it, e.g. {@code TLS handshake with
 * billing.internal:443 failed: the peer does not speak TLS on this port: it sent plaintext ("HTTP/1.1 400 Bad
 * Request") ...}, with Netty's exception as its cause.
 */
public final class NettySslContext extends SslContext {

	/**
	 * How long a closing handler waits to flush its close_notify: Netty's and Reactor Netty's default, set on every
	 * handler so that both paths agree.
	 */
	static final Duration CLOSE_NOTIFY_FLUSH_TIMEOUT = Duration.ofSeconds(3);

	private final SslContext delegate;

	private final TlsContext context;

	private final NettyTlsImplementation provider;

	/**
	 * Where OpenSSL channels report to; {@code null} on the JDK, whose engines the context observes already, and
	 * when the context observes nothing.
	 */
	private final ConnectionObserver observer;

	/** The library this context's handlers are made for, or {@code null}. */
	private final @Nullable String consumer;

	private NettySslContext(SslContext delegate, TlsContext context, NettyTlsImplementation provider,
			ConnectionObserver observer, @Nullable String consumer) {
		this.delegate = delegate;
		this.context = context;
		this.provider = provider;
		this.observer = observer;
		this.consumer = consumer;
	}

	/**
	 * A client context.
	 * @param context the TLS context whose options and material to carry
	 * @param provider the TLS implementation; {@link NettyTlsImplementation#AUTO} is resolved now
	 * @return the Netty context
	 * @throws TlsConfigurationException when {@link NettyTlsImplementation#OPENSSL} is asked for and cannot be loaded
	 * ({@code provider}) or cannot honour the context (BoringSSL cannot leave out TLS 1.3 suites)
	 */
	public static NettySslContext forClient(TlsContext context, NettyTlsImplementation provider) {
		return create(context, provider, TlsRole.CLIENT, context.options().alpn());
	}

	/**
	 * A server context.
	 * @param context the TLS context whose options and material to carry; it must have a certificate
	 * @param provider the TLS implementation; {@link NettyTlsImplementation#AUTO} is resolved now
	 * @return the Netty context
	 * @throws TlsConfigurationException when the context has no certificate, or {@link NettyTlsImplementation#OPENSSL}
	 * is asked for and cannot be loaded ({@code provider}) or cannot honour the context (BoringSSL cannot leave out
	 * TLS 1.3 suites)
	 */
	public static NettySslContext forServer(TlsContext context, NettyTlsImplementation provider) {
		return create(context, provider, TlsRole.SERVER, context.options().alpn());
	}

	/** As the factories, with the ALPN protocols given instead of the context's {@code alpn}. */
	static NettySslContext create(TlsContext context, NettyTlsImplementation provider, TlsRole role,
			List<String> alpn) {
		if (role == TlsRole.SERVER && context.keyMaterial().isEmpty()) {
			throw new TlsConfigurationException(TlsOption.CERTFILE, null,
					"context '" + context.name() + "' has no certificate, so it cannot serve TLS.",
					"Set 'certfile' and 'keyfile' (or 'cert' and 'key') for it.");
		}
		NettyTlsImplementation resolved = NettyTlsImplementations.resolve(provider, context);
		boolean openSsl = resolved == NettyTlsImplementation.OPENSSL;
		SslContext delegate = openSsl ? ProviderContexts.openSsl(context, role, alpn)
				: ProviderContexts.jdk(context, role, alpn);
		KeyLog.attach(delegate, context, role);
		return new NettySslContext(delegate, context, resolved,
				openSsl ? ConnectionObserver.of(context.sslContext()).orElse(null) : null, null);
	}

	/**
	 * This context, for one library: every channel of a handler it makes is in the registry, the events and the
	 * handshake metrics as that library's.
	 * <pre>{@code
	 * NettySslContext redis = NettySslContext.forClient(tls, NettyTlsImplementation.AUTO).consumer("redis");
	 * }</pre>
	 * @param consumer the library's name, e.g. {@code redis}
	 * @return a Netty context sharing this one's settings and sessions
	 */
	public NettySslContext consumer(String consumer) {
		return new NettySslContext(this.delegate, this.context, this.provider, this.observer, consumer);
	}

	/**
	 * The TLS implementation in use: {@link NettyTlsImplementation#JDK} or {@link NettyTlsImplementation#OPENSSL},
	 * never AUTO.
	 */
	public NettyTlsImplementation provider() {
		return this.provider;
	}

	/** The TLS context this Netty context carries. */
	public TlsContext tlsContext() {
		return this.context;
	}

	@Override
	public boolean isClient() {
		return this.delegate.isClient();
	}

	@Override
	public List<String> cipherSuites() {
		return this.delegate.cipherSuites();
	}

	@Override
	@SuppressWarnings("deprecation")
	public ApplicationProtocolNegotiator applicationProtocolNegotiator() {
		return this.delegate.applicationProtocolNegotiator();
	}

	@Override
	public SSLSessionContext sessionContext() {
		return this.delegate.sessionContext();
	}

	@Override
	public SSLEngine newEngine(ByteBufAllocator allocator) {
		SSLEngine engine = this.delegate.newEngine(allocator);
		initEngine(engine);
		return engine;
	}

	@Override
	public SSLEngine newEngine(ByteBufAllocator allocator, String peerHost, int peerPort) {
		SSLEngine engine = this.delegate.newEngine(allocator, peerHost, peerPort);
		initEngine(engine);
		return engine;
	}

	@Override
	protected SslHandler newHandler(ByteBufAllocator allocator, boolean startTls) {
		return handler(allocator, null, -1, startTls, ImmediateExecutor.INSTANCE);
	}

	@Override
	protected SslHandler newHandler(ByteBufAllocator allocator, String peerHost, int peerPort, boolean startTls) {
		return handler(allocator, peerHost, peerPort, startTls, ImmediateExecutor.INSTANCE);
	}

	@Override
	protected SslHandler newHandler(ByteBufAllocator allocator, boolean startTls, Executor tasks) {
		return handler(allocator, null, -1, startTls, tasks);
	}

	@Override
	protected SslHandler newHandler(ByteBufAllocator allocator, String peerHost, int peerPort, boolean startTls,
			Executor tasks) {
		return handler(allocator, peerHost, peerPort, startTls, tasks);
	}

	/**
	 * The provider makes the handler, because only its own handlers get OpenSSL's engine in Netty's faster mode
	 * (not JDK-compatible, which {@code newEngine} is); TLS Boot's handler is made again around that engine (the
	 * first is dropped unused, which both providers' engines allow).
	 */
	private SslHandler handler(ByteBufAllocator allocator, String peerHost, int peerPort, boolean startTls,
			Executor tasks) {
		SslHandler made = (peerHost != null) ? this.delegate.newHandler(allocator, peerHost, peerPort, tasks)
				: this.delegate.newHandler(allocator, tasks);
		SslHandler handler = new ObservedSslHandler(made.engine(), startTls, tasks, this.observer, this.consumer);
		initHandler(handler);
		return handler;
	}

	/**
	 * Netty puts its own endpoint identification on client engines (JdkSslContext none, which JDK 17 happens to
	 * ignore; OpenSSL {@code HTTPS}), and the OpenSSL engine sends the peer host as SNI: set both as the TLS context
	 * says ({@code require}; {@code servername} wins over the host, as on sockets).
	 */
	void initEngine(SSLEngine engine) {
		if (!engine.getUseClientMode()) {
			// Netty's JDK ALPN put a selector of its own on the engine: the challenges go first.
			AcmeTlsChallenges challenges = this.context.acmeTlsChallenges();
			if (challenges.isEnabled() && this.provider == NettyTlsImplementation.JDK) {
				challenges.answerOn(engine);
			}
			return;
		}
		SSLParameters wanted = this.context.clientParameters(engine.getPeerHost());
		SSLParameters parameters = engine.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm(wanted.getEndpointIdentificationAlgorithm());
		if (wanted.getServerNames() != null) {
			parameters.setServerNames(wanted.getServerNames());
		}
		engine.setSSLParameters(parameters);
	}

	private void initHandler(SslHandler handler) {
		initEngine(handler.engine());
		handler.setHandshakeTimeoutMillis(this.context.options().handshakeTimeout().toMillis());
		handler.setCloseNotifyFlushTimeoutMillis(CLOSE_NOTIFY_FLUSH_TIMEOUT.toMillis());
	}

	@Override
	public String toString() {
		return "NettySslContext [" + (isClient() ? "client" : "server") + ", " + this.provider + ", context '"
				+ this.context.name() + "']";
	}

}
