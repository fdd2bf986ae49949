package dev.tlsboot.autoconfigure.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.springframework.util.function.SingletonSupplier;

import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.TlsProperties;
import dev.tlsboot.core.internal.HostPatterns;
import dev.tlsboot.core.ConsumerSslContext;
import dev.tlsboot.core.RoutingSslContext;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.observe.TlsConsumers;

/**
 * The TLS of the application's HTTP clients, from {@code tls.client.*}: the client context, and the contexts
 * {@code tls.client.routes} picks by the host called. Without routes, {@link #sslContext()} is the client context's
 * own SSLContext; with them, one that routes each connection by its host; either names its connections'
 * consumer {@code http-client}. It is made when a client first asks: a
 * client context of the default options makes its SSLContext on first use, not at startup. Other clients (gRPC's
 * channels) take {@link #context()} and {@link #routes()} to build their own.
 */
public final class ClientTls {

	private final TlsContext context;

	private final Map<String, TlsContext> routes;

	private final HostPatterns<TlsContext> patterns;

	private final SingletonSupplier<SSLContext> sslContext;

	ClientTls(TlsContext context, Map<String, TlsContext> routes) {
		this.context = context;
		this.routes = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
		this.patterns = HostPatterns.of(this.routes, context);
		// Every client given this SSLContext (JDK, Apache, Jetty, HttpURLConnection, the https handler) is an HTTP client
		this.sslContext = SingletonSupplier.of(() -> ConsumerSslContext.of(
				this.routes.isEmpty() ? context.sslContext() : RoutingSslContext.of(this.patterns),
				TlsConsumers.HTTP_CLIENT));
	}

	/**
	 * The clients' TLS as {@code tls.client.*} configures it.
	 * @param contexts the application's contexts
	 * @param properties {@code tls.client.*}
	 * @return the clients' TLS
	 * @throws IllegalArgumentException naming the property when it names no context
	 */
	public static ClientTls of(TlsContexts contexts, TlsProperties.Client properties) {
		TlsContext context = named(contexts, properties.getContext(), "tls.client.context");
		Map<String, TlsContext> routes = new LinkedHashMap<>();
		properties.getRoutes().forEach((pattern, name) -> routes.put(pattern,
				named(contexts, name, "tls.client.routes[" + pattern + "]")));
		return new ClientTls(context, routes);
	}

	private static TlsContext named(TlsContexts contexts, String name, String property) {
		try {
			return contexts.get(name);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Property " + property + ": " + ex.getMessage(), ex);
		}
	}

	/** The client context: for hosts no route names, and for the options every connection shares. */
	public TlsContext context() {
		return this.context;
	}

	/** The contexts by host pattern, as configured; empty without routes. */
	public Map<String, TlsContext> routes() {
		return this.routes;
	}

	/** The context a connection to {@code host} uses. */
	TlsContext contextFor(String host) {
		return this.patterns.resolve(host);
	}

	/** The SSLContext for every HTTP client: the client context's, or one routing by host, as {@code http-client}. */
	SSLContext sslContext() {
		return this.sslContext.obtain();
	}

	/**
	 * The client context's {@code handshake-timeout}, for every host (routes included, as on Reactor Netty): the
	 * connect timeout of clients whose only bound on the handshake is their connect timeout (the JDK HttpClient's
	 * covers the TCP connection and the handshake; without one, it waits for a silent server for good).
	 */
	Duration handshakeTimeout() {
		return this.context.options().handshakeTimeout();
	}

	/**
	 * Give a JDK HttpClient this TLS, and {@link #handshakeTimeout()} as its connect timeout, which a later
	 * {@code connectTimeout(...)} replaces. The HttpClient sets the parameters it is given on every engine, after the
	 * SSLContext set the routed context's, and offers HTTP/2 by ALPN only when they name TLS 1.2 or 1.3: so they carry
	 * the client context's protocols and nothing else, and each host keeps its routed context's suites. The HttpClient
	 * adds what it always sets: SNI from the host (over {@code servername}), the host name check, and ALPN.
	 * @param builder the builder
	 * @return the builder
	 */
	HttpClient.Builder configure(HttpClient.Builder builder) {
		SSLParameters parameters = new SSLParameters();
		parameters.setProtocols(this.context.protocols().toArray(String[]::new));
		return builder.sslContext(sslContext()).sslParameters(parameters).connectTimeout(handshakeTimeout());
	}

	@Override
	public String toString() {
		return "client context '" + this.context.name() + "'" + (this.routes.isEmpty() ? "" : ", routes " + names());
	}

	private Map<String, String> names() {
		Map<String, String> names = new LinkedHashMap<>();
		this.routes.forEach((pattern, context) -> names.put(pattern, context.name()));
		return names;
	}

}
