package dev.tlsboot.netty;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;

import org.jspecify.annotations.Nullable;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolNegotiator;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ImmediateExecutor;

import dev.tlsboot.core.AcmeTlsChallenges;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.observe.ConnectionObserver;
import dev.tlsboot.core.observe.UnobservedConsumer;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.option.TlsRole;
import dev.tlsboot.core.revocation.OcspStapling;

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

	/** Netty's {@code JdkSslEngine.getWrappedEngine()}, or {@code null} where it cannot be called. */
	private static final @Nullable Method WRAPPED_ENGINE = wrappedEngine();

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

	/** What an OpenSSL server staples to each engine; {@code null} unless {@code ocsp-stapling} asks. */
	private final @Nullable OcspStapling stapling;

	private NettySslContext(SslContext delegate, TlsContext context, NettyTlsImplementation provider,
			ConnectionObserver observer, @Nullable String consumer, @Nullable OcspStapling stapling) {
		this.delegate = delegate;
		this.context = context;
		this.provider = provider;
		this.observer = observer;
		this.consumer = consumer;
		this.stapling = stapling;
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

	/**
	 * A client context for a library that makes its own {@link SslHandler} around {@link #newEngine engines} (gRPC):
	 * each engine is made with the context the peer's host name routes to, on the implementation that context's
	 * {@code provider} option asks for, offering {@code alpn}, and its connection is named {@code consumer}. On the JDK
	 * provider those engines are the contexts' own, observed ones; OpenSSL's are not observed, as only TLS Boot's
	 * handlers track them, so each context on OpenSSL is {@link #declareEnginesOnly declared} unobserved for
	 * {@code consumer}.
	 * @param routes contexts by host name or {@code *.domain}, the most specific pattern first; empty for one context
	 * @param fallback the context for hosts no pattern matches
	 * @param alpn the ALPN protocols every engine offers, e.g. {@code h2}
	 * @param consumer the library's name, e.g. {@code grpc-client}
	 * @return the Netty context
	 * @throws TlsConfigurationException as {@link #forClient(TlsContext, NettyTlsImplementation)}
	 */
	public static SslContext forClient(Map<String, TlsContext> routes, TlsContext fallback, List<String> alpn,
			String consumer) {
		RoutingNettySslContext routing = RoutingNettySslContext.create(routes, fallback,
				(context) -> NettyTlsImplementation.of(context.options().provider()), (context) -> alpn, consumer);
		routing.contexts().forEach(NettySslContext::declareEnginesOnly);
		return routing;
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
		// The JDK's engines staple by themselves (the context set the JDK's switch); OpenSSL's are handed TLS Boot's.
		OcspStapling stapling = (openSsl && role == TlsRole.SERVER) ? context.ocspStapling().orElse(null) : null;
		return new NettySslContext(delegate, context, resolved,
				openSsl ? ConnectionObserver.of(context.sslContext()).orElse(null) : null, null, stapling);
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
		return new NettySslContext(this.delegate, this.context, this.provider, this.observer, consumer,
				this.stapling);
	}

	/**
	 * Declare that this context's engines go to its {@link #consumer consumer}, a library that wraps them in an
	 * {@link SslHandler} of its own (as gRPC does). The JDK provider's engines are observed wherever they go,
	 * OpenSSL's only in TLS Boot's own handler: on OpenSSL the context's registry then lists the consumer as
	 * {@link UnobservedConsumer unobserved}, with why, where its connections would be.
	 * @throws IllegalStateException when no consumer is named
	 */
	public void declareEnginesOnly() {
		if (this.consumer == null) {
			throw new IllegalStateException("Name the library the engines go to: consumer(name)");
		}
		if (this.provider == NettyTlsImplementation.OPENSSL) {
			this.context.registry()
				.declareUnobserved(this.context.name(), new UnobservedConsumer(this.consumer, this.consumer
						+ " wraps the engines in an SslHandler of its own, and on OpenSSL (provider '"
						+ this.context.options().provider().name().toLowerCase(Locale.ROOT) + "') TLS Boot observes a connection only "
						+ "in its own handler. Set the context's provider to 'jdk' to list these connections."));
		}
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
		return observed(this.delegate.newEngine(allocator));
	}

	@Override
	public SSLEngine newEngine(ByteBufAllocator allocator, String peerHost, int peerPort) {
		return observed(this.delegate.newEngine(allocator, peerHost, peerPort));
	}

	/**
	 * An engine handed out alone goes to a library that wraps it in a handler of its own (gRPC), never in an
	 * {@link ObservedSslHandler}. The context's own engines are tracked from their making: their consumer is named.
	 * OpenSSL's stay unobserved: a wrapper would hide from Netty's handler the ALPN result only its own engines give.
	 */
	private SSLEngine observed(SSLEngine engine) {
		initEngine(engine);
		if (this.observer == null && this.consumer != null) {
			ConnectionObserver.consumer(contextEngine(engine), this.consumer);
		}
		return engine;
	}

	/**
	 * The engine the context's SSLContext made: with ALPN, Netty wraps it in its {@code JdkSslEngine}, whose
	 * {@code getWrappedEngine()} is public in a package-private class, so it is called reflectively; where that is
	 * refused the wrapper is returned, which the registry does not know.
	 */
	static SSLEngine contextEngine(SSLEngine engine) {
		if (WRAPPED_ENGINE == null || !WRAPPED_ENGINE.getDeclaringClass().isInstance(engine)) {
			return engine;
		}
		try {
			return (SSLEngine) WRAPPED_ENGINE.invoke(engine);
		}
		catch (ReflectiveOperationException ex) {
			return engine;
		}
	}

	private static @Nullable Method wrappedEngine() {
		try {
			Method method = Class.forName("io.netty.handler.ssl.JdkSslEngine").getMethod("getWrappedEngine");
			method.setAccessible(true);
			return method;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
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
			staple(engine);
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

	/** Hand an OpenSSL server engine the current OCSP response, which it sends to clients that ask. */
	private void staple(SSLEngine engine) {
		byte[] response = (this.stapling != null) ? this.stapling.response() : null;
		if (response != null && engine instanceof ReferenceCountedOpenSslEngine openSsl) {
			openSsl.setOcspResponse(response);
		}
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
