package dev.tlsboot.core.observe;

import java.lang.ref.Cleaner;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.option.TlsRole;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.spi.TlsEventListener;
import dev.tlsboot.core.spi.TlsValidator;
import dev.tlsboot.core.spi.TlsValidator.ClientHello;
import dev.tlsboot.core.spi.TlsValidator.Verdict;
import dev.tlsboot.core.status.ConnectionInfo;

/**
 * Observes what one {@code TlsContext} hands out: wraps its sockets, accepted sockets and engines so that each
 * feeds the context's {@link ConnectionRegistry}, its {@link TlsEventListener}s and {@link TlsValidator}s. Made by
 * {@code TlsContext}; not meant to be used on its own.
 * <p>
 * The wrappers see what a plain {@code HandshakeCompletedListener} cannot: failed handshakes, and closes. They do
 * not use one, because the JDK starts a new thread for every such notification.
 */
public final class ConnectionObserver {

	private static final System.Logger logger = System.getLogger(ConnectionObserver.class.getName());

	/** Marks connections closed whose socket or engine was dropped unclosed: one thread for the whole process. */
	private static final Cleaner CLEANER = Cleaner.create();

	/** The observer of each observing context's SSLContext, for engines made elsewhere (see {@link #of}). */
	private static final Map<SSLContext, ConnectionObserver> BY_SSL_CONTEXT = Collections
		.synchronizedMap(new WeakHashMap<>());

	private final String context;

	private final Predicate<TlsRole> request;

	private final Predicate<TlsRole> require;

	private final int securityLevel;

	private final Duration handshakeTimeout;

	private final ConnectionRegistry registry;

	private final List<TlsValidator> validators;

	private final List<TlsEventListener> listeners;

	/** The connections by the JDK's own socket or engine, which is what a trust manager is given. */
	private final Map<Object, TrackedConnection> byTransport = new ConcurrentHashMap<>();

	/**
	 * The live server connections that opened without their transport's addresses (engines made with no peer:
	 * Tomcat's), by their session's id, until they end, located or not: see {@link #located(byte[], Supplier, Supplier)}.
	 */
	private final Map<ByteBuffer, List<TrackedConnection>> bySessionId = new ConcurrentHashMap<>();

	/**
	 * Observe a context's connections.
	 * @param context the context's name
	 * @param request whether the context asks for the peer's certificate, by the role it plays ({@code request})
	 * @param require whether it refuses a peer without a valid one, by the role it plays ({@code require})
	 * @param securityLevel the security level in force
	 * @param handshakeTimeout the context's {@code handshake-timeout}
	 * @param registry where connections are kept
	 * @param validators the validators, in order
	 * @param listeners the listeners, in order
	 */
	public ConnectionObserver(String context, Predicate<TlsRole> request, Predicate<TlsRole> require,
			int securityLevel, Duration handshakeTimeout, ConnectionRegistry registry, List<TlsValidator> validators,
			List<TlsEventListener> listeners) {
		this.context = context;
		this.request = request;
		this.require = require;
		this.securityLevel = securityLevel;
		this.handshakeTimeout = handshakeTimeout;
		this.registry = registry;
		this.validators = List.copyOf(validators);
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * The connection a socket or engine made by an observing context belongs to.
	 * @param socketOrEngine the socket or engine
	 * @return its connection, or empty when it was not made by an observing context
	 */
	public static Optional<TrackedConnection> trackedConnection(Object socketOrEngine) {
		if (socketOrEngine instanceof ObservedSocket socket) {
			return Optional.of(socket.connection());
		}
		if (socketOrEngine instanceof ObservedEngine engine) {
			return Optional.of(engine.connection());
		}
		return Optional.empty();
	}

	/**
	 * Name the library a socket or engine of an observing context was handed to, so that its registry entry, events
	 * and metrics say which consumer made the connection. Call it before the handshake starts. Nothing happens for a
	 * socket or engine that is not observed.
	 * @param socketOrEngine the socket or engine
	 * @param consumer the consumer's name, e.g. {@code redis}
	 */
	public static void consumer(Object socketOrEngine, String consumer) {
		trackedConnection(socketOrEngine).ifPresent((connection) -> connection.consumer(consumer));
	}

	/**
	 * Report that the handshake of a socket or engine an observing context made failed where the socket or engine
	 * could not see it: the driver of an engine found the peer's bytes were no TLS (Netty's
	 * {@code NotSslRecordException}) or gave up waiting, and closed the engine, which the engine alone tells as a
	 * close. Nothing happens for a socket or engine that is not observed, or whose handshake completed or failed.
	 * @param socketOrEngine the socket or engine
	 * @param failure why its handshake failed
	 */
	public static void handshakeFailed(Object socketOrEngine, Throwable failure) {
		trackedConnection(socketOrEngine)
			.ifPresent((connection) -> connection.observer().failed(connection, null, failure));
	}

	/**
	 * Tell the connection of an engine made by an observing context the addresses of the transport it runs on: the
	 * JDK knows none for an engine made without a peer (a server's) and only the host name for a client's, while the
	 * transport (a Netty channel) knows both once it is connected. They replace what the engine knew; an engine not
	 * made by an observing context is left alone.
	 * @param engine the engine, as the SSLContext made it
	 * @param local the transport's local address
	 * @param remote the transport's remote address
	 */
	public static void located(SSLEngine engine, @Nullable SocketAddress local, @Nullable SocketAddress remote) {
		trackedConnection(engine).ifPresent((connection) -> connection.locate(inet(local), inet(remote)));
	}

	/**
	 * Tell a server connection of this observer the addresses of its transport, found by the id of its session: for
	 * servers that make their engines with no peer and never hand the engine out, but know the session each request
	 * came on (Tomcat). Only connections that opened without addresses are found, and only while no other live
	 * connection has the same session: a TLS 1.2 session resumed by its id is shared by its connections, and which of
	 * them a request came on cannot be told then, so none is located. A connection already located, or whose
	 * handshake failed, is left alone. The addresses are asked for only when they are needed, so a call per request
	 * costs a lookup.
	 * @param sessionId the id of the request's session
	 * @param local the transport's local address
	 * @param remote the transport's remote address
	 */
	public void located(byte[] sessionId, Supplier<? extends @Nullable SocketAddress> local,
			Supplier<? extends @Nullable SocketAddress> remote) {
		List<TrackedConnection> live = this.bySessionId.get(ByteBuffer.wrap(sessionId));
		if (live != null && live.size() == 1 && live.get(0).remoteAddress() == null) {
			live.get(0).locate(inet(local.get()), inet(remote.get()));
		}
	}

	/**
	 * The observer of a context's connections, found by the SSLContext the context hands out: for engines that the
	 * SSLContext did not make but that serve the same context (Netty's OpenSSL engines), see {@link #track}.
	 * @param sslContext a {@code TlsContext}'s SSLContext
	 * @return its observer, or empty when the context does not observe its connections
	 */
	public static Optional<ConnectionObserver> of(SSLContext sslContext) {
		return Optional.ofNullable(BY_SSL_CONTEXT.get(sslContext));
	}

	/**
	 * Make this observer the one {@link #of} finds for {@code sslContext}. Called once by the context that built it.
	 * @param sslContext the SSLContext whose connections this observer observes
	 */
	public void watch(SSLContext sslContext) {
		BY_SSL_CONTEXT.put(sslContext, this);
	}

	/**
	 * Track a connection on an engine this observer's context did not make, whose driver reports its life: Netty's
	 * OpenSSL engine, which is not an SSLContext's. Call it when the engine is about to be used on a connection.
	 * @param engine the engine, already in its role
	 * @param consumer the library the engine was handed to (see {@link #consumer(Object, String)}), or {@code null}
	 * @return the connection to report to
	 */
	public EngineConnection track(SSLEngine engine, @Nullable String consumer) {
		TlsRole role = engine.getUseClientMode() ? TlsRole.CLIENT : TlsRole.SERVER;
		TrackedConnection connection = track(role, (role == TlsRole.CLIENT) ? serverName(engine) : null);
		if (consumer != null) {
			connection.consumer(consumer);
		}
		return new EngineConnection(engine, connection, this);
	}

	/**
	 * Observe a socket.
	 * @param socket the JDK's socket
	 * @param role the role it is made for; the role it plays when the handshake starts counts
	 * @param serverName the SNI name a client sends, or {@code null}
	 * @return the observed socket
	 */
	public SSLSocket socket(SSLSocket socket, TlsRole role, @Nullable String serverName) {
		return new ObservedSocket(socket, track(role, serverName), this);
	}

	/**
	 * Observe an engine.
	 * @param engine the JDK's engine
	 * @param role the role it is made for; the role it plays when the handshake starts counts
	 * @param serverName the SNI name it sends as a client, or {@code null}
	 * @return the observed engine
	 */
	public SSLEngine engine(SSLEngine engine, TlsRole role, @Nullable String serverName) {
		return new ObservedEngine(engine, track(role, serverName), this);
	}

	/** Whether validators take part in handshakes. */
	public boolean validates() {
		return !this.validators.isEmpty();
	}

	/**
	 * Let the validators judge a peer's chain (trust manager use).
	 * @param transport the JDK's socket or engine the trust manager was given, or {@code null}
	 * @param chain the chain, leaf first
	 * @param failure why TLS Boot refuses the chain, or {@code null}
	 * @param require whether the context requires a valid chain
	 * @return what to abort the handshake with, or {@code null} to go on
	 */
	public @Nullable CertificateException validate(@Nullable Object transport, X509Certificate[] chain, @Nullable CertificateException failure,
			boolean require) {
		TrackedConnection connection = (transport != null) ? this.byTransport.get(transport) : null;
		boolean ok = failure == null || !require;
		String error = (failure != null) ? failure.getMessage() : null;
		for (int depth = chain.length - 1; depth >= 0; depth--) {
			X509Certificate certificate = chain[depth];
			int at = depth;
			// Named only for a note or a refusal: most handshakes need neither
			Supplier<String> subject = () -> "certificate '" + certificate.getSubjectX500Principal().getName()
					+ "' at depth " + at;
			TlsValidator rejecting = judge(connection, "verify", subject,
					(validator) -> validator.verify(connection, at, certificate, ok, error));
			if (rejecting != null) {
				return new RefusedCertificateException(Cause.REJECTED_BY_VALIDATOR, "the TlsValidator "
						+ rejecting.getClass().getName() + " rejected " + subject.get()
						+ ((error != null) ? " (" + error + ")" : "") + ".", null);
			}
		}
		return null;
	}

	TrackedConnection track(TlsRole role, String serverName) {
		TrackedConnection connection = this.registry.register(this, role);
		connection.serverName(serverName);
		return connection;
	}

	String context() {
		return this.context;
	}

	boolean request(TlsRole role) {
		return this.request.test(role);
	}

	boolean require(TlsRole role) {
		return this.require.test(role);
	}

	int securityLevel() {
		return this.securityLevel;
	}

	/** The context's {@code handshake-timeout}, as a socket's read timeout. */
	int handshakeTimeoutMillis() {
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, this.handshakeTimeout.toMillis()));
	}

	/** What closes the connection, run by {@code close()} or, for a dropped socket or engine, after GC. */
	Cleaner.Cleanable whenUnreachable(Object wrapper, TrackedConnection connection, Object transport) {
		// Built here, not in the wrapper, so that the action does not keep the wrapper reachable.
		return CLEANER.register(wrapper, () -> closed(connection, transport));
	}

	/** The handshake starts: returns whether this call started it, and installs the server's validator hooks. */
	boolean started(TrackedConnection connection, Object transport, boolean client, SocketAddress local,
			SocketAddress remote) {
		TlsRole role = client ? TlsRole.CLIENT : TlsRole.SERVER;
		if (!connection.start(role, inet(local), inet(remote))) {
			return false;
		}
		if (validates()) {
			this.byTransport.put(transport, connection);
		}
		if (!this.listeners.isEmpty()) {
			fire((listener) -> listener.info(connection, "handshake", "start",
					role.name().toLowerCase(Locale.ROOT) + " handshake with " + connection.peer()));
		}
		return true;
	}

	void opened(TrackedConnection connection, SSLSession session, String alpn) {
		String serverName = (connection.role() == TlsRole.SERVER) ? requestedServerName(session) : null;
		if (!connection.open(session, alpn, serverName)) {
			return;
		}
		if (connection.role() == TlsRole.SERVER && connection.remoteAddress() == null) {
			ByteBuffer id = sessionId(session);
			this.bySessionId.compute(id, (key, live) -> with(live, connection));
			// A close racing the handshake's end may have looked for it before it was there
			if (connection.state().ended()) {
				this.bySessionId.computeIfPresent(id, (key, live) -> without(live, connection));
			}
		}
		if (this.listeners.isEmpty()) {
			return;
		}
		fire((listener) -> listener.info(connection, "handshake", "done",
				session.getProtocol() + " " + session.getCipherSuite() + " with " + connection.peer()));
		ConnectionInfo info = connection.connection().orElseThrow();
		fire((listener) -> listener.session(connection, info));
	}

	/** A handshake failed; {@code transport} is {@code null} when the one who reports it does not know it. */
	void failed(TrackedConnection connection, @Nullable Object transport, Throwable failure) {
		TrackedConnection.State from = connection.fail(failure);
		if (from == null) {
			return;
		}
		// A connection closed first has ended already; its close took the transport away
		if (from != TrackedConnection.State.CLOSED) {
			this.registry.ended(connection);
			if (transport != null) {
				this.byTransport.remove(transport);
			}
		}
		this.registry.failed(connection);
		if (!this.listeners.isEmpty()) {
			String message = connection.failure().orElseThrow().explanation().explanation();
			fire((listener) -> listener.error(connection, message));
		}
	}

	void closed(TrackedConnection connection, @Nullable Object transport) {
		// Also after a failure reported without its transport (handshakeFailed): the close knows it
		if (transport != null) {
			this.byTransport.remove(transport);
		}
		SSLSession session = connection.session();
		if (session != null && !this.bySessionId.isEmpty()) {
			this.bySessionId.computeIfPresent(sessionId(session), (id, live) -> without(live, connection));
		}
		if (!connection.close()) {
			return;
		}
		this.registry.ended(connection);
		if (!this.listeners.isEmpty()) {
			fire((listener) -> listener.info(connection, "connection", "closed", connection.bytesIn()
					+ " bytes in, " + connection.bytesOut() + " bytes out"));
		}
	}

	/**
	 * Install a server's validator hooks on a socket or engine about to handshake, each only where the user set none:
	 * the {@link #sniMatcher SNI matcher} into its parameters, and the {@link #applicationProtocolSelector ALPN
	 * selector}.
	 * @param parameters the socket's or engine's parameters
	 * @param setParameters puts changed parameters back
	 * @param selector the socket's or engine's ALPN selector, or {@code null}
	 * @param setSelector sets the ALPN selector
	 */
	<T> void installServerHooks(TrackedConnection connection, SSLParameters parameters,
			Consumer<SSLParameters> setParameters, @Nullable BiFunction<T, List<String>, String> selector,
			Consumer<BiFunction<T, List<String>, String>> setSelector) {
		if (parameters.getSNIMatchers() == null || parameters.getSNIMatchers().isEmpty()) {
			parameters.setSNIMatchers(List.of(sniMatcher(connection)));
			setParameters.accept(parameters);
		}
		if (selector == null) {
			setSelector.accept(applicationProtocolSelector(connection, parameters.getApplicationProtocols()));
		}
	}

	/** A server's SNI hook: asks the validators about the name the client sent, and records it. */
	private SNIMatcher sniMatcher(TrackedConnection connection) {
		return new SNIMatcher(StandardConstants.SNI_HOST_NAME) {

			@Override
			public boolean matches(SNIServerName name) {
				String host = (name instanceof SNIHostName hostName) ? hostName.getAsciiName()
						: new SNIHostName(name.getEncoded()).getAsciiName();
				connection.serverName(host);
				return judge(connection, "sni", () -> host, (validator) -> validator.sni(connection, host)) == null;
			}

		};
	}

	/** A server's ALPN hook, for sockets and engines alike: hello first, then each common protocol in our order. */
	private <T> BiFunction<T, List<String>, String> applicationProtocolSelector(TrackedConnection connection,
			String[] ours) {
		return (transport, offered) -> {
			String serverName = connection.serverName();
			ClientHello hello = new ClientHello((serverName != null) ? List.of(serverName) : List.of(), offered);
			if (judge(connection, "hello", hello::toString, (validator) -> validator.hello(connection, hello)) != null) {
				return null;
			}
			if (ours == null || ours.length == 0) {
				return "";
			}
			for (String protocol : ours) {
				if (offered.contains(protocol) && judge(connection, "alpn", () -> protocol,
						(validator) -> validator.alpn(connection, protocol)) == null) {
					return protocol;
				}
			}
			return null;
		};
	}

	/**
	 * Ask every validator; returns the first that rejects, or {@code null}. Notes are kept and reported, naming
	 * {@code subject}, which is made only then.
	 */
	private TlsValidator judge(TrackedConnection connection, String what, Supplier<String> subject,
			Function<TlsValidator, Verdict> question) {
		for (TlsValidator validator : this.validators) {
			Verdict verdict = question.apply(validator);
			if (verdict == Verdict.REJECT) {
				return validator;
			}
			if (verdict == Verdict.ACCEPT_WITH_NOTE && connection != null) {
				String note = what + ": " + validator.getClass().getName() + " noted " + subject.get();
				connection.note(note);
				fire((listener) -> listener.info(connection, what, "note", note));
			}
		}
		return null;
	}

	private void fire(Consumer<TlsEventListener> event) {
		for (TlsEventListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.log(System.Logger.Level.WARNING, "TlsEventListener " + listener + " failed", ex);
			}
		}
	}

	private static String requestedServerName(SSLSession session) {
		return (session instanceof ExtendedSSLSession extended) ? hostName(extended.getRequestedServerNames()) : null;
	}

	/** The SNI name a client engine sends. */
	private static String serverName(SSLEngine engine) {
		return hostName(engine.getSSLParameters().getServerNames());
	}

	private static String hostName(List<SNIServerName> names) {
		if (names != null) {
			for (SNIServerName name : names) {
				if (name instanceof SNIHostName hostName) {
					return hostName.getAsciiName();
				}
			}
		}
		return null;
	}

	private static ByteBuffer sessionId(SSLSession session) {
		return ByteBuffer.wrap(session.getId());
	}

	private static List<TrackedConnection> with(@Nullable List<TrackedConnection> live, TrackedConnection connection) {
		if (live == null) {
			return List.of(connection);
		}
		List<TrackedConnection> more = new ArrayList<>(live);
		more.add(connection);
		return List.copyOf(more);
	}

	/** The connections but one, or {@code null} (no mapping) when none is left. */
	private static @Nullable List<TrackedConnection> without(List<TrackedConnection> live,
			TrackedConnection connection) {
		List<TrackedConnection> rest = live.stream().filter((other) -> other != connection).toList();
		return rest.isEmpty() ? null : rest;
	}

	private static InetSocketAddress inet(SocketAddress address) {
		return (address instanceof InetSocketAddress inet) ? inet : null;
	}

}
