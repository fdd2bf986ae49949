package dev.tlsboot.autoconfigure.server;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.TlsProperties;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.internal.HostPatterns;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.option.TlsRole;

/**
 * The web server's TLS, derived once from {@code tls.server.*} for every kind of server: the context named by
 * {@code tls.server.context} with {@code tls.server.request}/{@code require} applied and ALPN following
 * {@code server.http2.enabled}, serving the certificate of {@code tls.server.fallback} unless a client asks, by SNI,
 * for a name {@code tls.server.sni} maps to another context. Only the certificate changes with the name: protocols,
 * suites, trust and client authentication stay the server context's, on every server.
 * <p>
 * Each context is built once, on first use, and handed to every server asking for it: each one built follows its
 * parents' reloads for as long as they live.
 */
final class ServerTls {

	private static final List<String> HTTP2 = List.of("h2", "http/1.1");

	private static final List<String> HTTP1 = List.of("http/1.1");

	/** No {@code tls.server.*} is set: the server is left as Spring Boot configures it. */
	static final ServerTls NONE = new ServerTls(null, null, null, Map.of(), false, UnaryOperator.identity());

	private final TlsContext base;

	private final TlsOptions options;

	private final TlsContext fallback;

	private final Map<String, TlsContext> sni;

	private final boolean http2;

	/** The property that set an option of the server context: {@code tls.server.*}, or the context's own. */
	private final UnaryOperator<String> property;

	/** The one context serving every name; {@code null} until asked for. Guarded by this. */
	private TlsContext context;

	/** The variant serving each context's certificate, by that context. Guarded by this. */
	private final Map<TlsContext, TlsContext> variants = new IdentityHashMap<>();

	private ServerTls(TlsContext base, TlsOptions options, TlsContext fallback, Map<String, TlsContext> sni,
			boolean http2, UnaryOperator<String> property) {
		this.base = base;
		this.options = options;
		this.fallback = fallback;
		this.sni = sni;
		this.http2 = http2;
		this.property = property;
	}

	/**
	 * Derive the server's TLS.
	 * @param server the {@code tls.server.*} properties
	 * @param contexts the application's contexts
	 * @param http2 whether the server speaks HTTP/2 ({@code server.http2.enabled})
	 * @return the server's TLS
	 * @throws TlsConfigurationException naming the property that names a missing context or one without a
	 * certificate
	 */
	static ServerTls of(TlsProperties.Server server, TlsContexts contexts, boolean http2) {
		TlsContext base = context(contexts, "tls.server.context", server.getContext());
		TlsOptions.Builder options = base.options().toBuilder().server(true).alpn(http2 ? HTTP2 : HTTP1);
		if (server.getRequest() != null) {
			options.request(server.getRequest());
		}
		if (server.getRequire() != null) {
			options.require(server.getRequire());
		}
		if (server.isOcspStapling()) {
			options.ocspStapling(true);
		}
		TlsContext fallback = (server.getFallback() != null)
				? servable(contexts, "tls.server.fallback", server.getFallback())
				: servable(contexts, "tls.server.context", server.getContext());
		Map<String, TlsContext> sni = new LinkedHashMap<>();
		server.getSni().forEach((host, name) -> sni.put(host, servable(contexts, "tls.server.sni[" + host + "]", name)));
		checkPatterns(sni);
		ServerTls tls = new ServerTls(base, options.build(), fallback, sni, http2,
				(option) -> setByServer(server, option) ? "tls.server." + option
						: contexts.property(base.name(), option));
		// Built now, so that what a server context cannot be stops startup before any server is made.
		tls.fallback();
		return tls;
	}

	private static void checkPatterns(Map<String, TlsContext> sni) {
		try {
			HostPatterns.of(sni, null);
		}
		catch (IllegalArgumentException ex) {
			throw new TlsConfigurationException("tls.server.sni", null, ex.getMessage() + ".",
					"Use exact host names and '*.domain' wildcards (in brackets as map keys: \"[*.example.com]\").");
		}
	}

	private static TlsContext context(TlsContexts contexts, String property, String name) {
		try {
			return contexts.get(name);
		}
		catch (IllegalArgumentException ex) {
			throw new TlsConfigurationException(property, null, ex.getMessage() + ".",
					"Name a context configured under 'tls.contexts', or leave '" + property + "' unset for the "
							+ "default context.");
		}
	}

	/** The context {@code property} names, which must have a certificate to serve. */
	private static TlsContext servable(TlsContexts contexts, String property, String name) {
		TlsContext context = context(contexts, property, name);
		if (context.keyMaterial().isEmpty()) {
			throw new TlsConfigurationException(property, null,
					"context '" + context.name() + "' has no certificate, so the web server cannot serve it.",
					"Set 'certfile' and 'keyfile' for that context, or name another one.");
		}
		return context;
	}

	/**
	 * One context that serves every name, choosing the certificate by SNI in its key manager: for servers that take
	 * a JSSE {@code SSLContext} (Tomcat, Jetty).
	 */
	synchronized TlsContext context() {
		if (this.context == null) {
			this.context = variant(this.fallback, this.sni);
		}
		return this.context;
	}

	/** The context for clients that ask for no name, or one {@link #byServerName()} does not map. */
	synchronized TlsContext fallback() {
		return servingCertificateOf(this.fallback);
	}

	/**
	 * One context per SNI pattern, each with the certificate the pattern maps to, for servers that choose the whole
	 * context by SNI (Netty); a context named for several patterns, or also the fallback, is built once.
	 */
	synchronized Map<String, TlsContext> byServerName() {
		Map<String, TlsContext> byName = new LinkedHashMap<>();
		this.sni.forEach((host, context) -> byName.put(host, servingCertificateOf(context)));
		return byName;
	}

	private TlsContext servingCertificateOf(TlsContext certificate) {
		return this.variants.computeIfAbsent(certificate, (key) -> variant(key, Map.of()));
	}

	/**
	 * The server context with the server's options and {@code certificate}'s key: its name, trust, registry,
	 * validators and listeners are kept. It follows the reloads of both: a new certificate of {@code certificate}, new
	 * trust of the server context (and never the server context's certificate in place of {@code certificate}'s).
	 */
	private TlsContext variant(TlsContext certificate, Map<String, TlsContext> serverNames) {
		try {
			return this.base.toBuilder(this.options).certificateFrom(certificate).serverNames(serverNames).build();
		}
		catch (TlsConfigurationException ex) {
			throw ex.withOptions(this.property);
		}
	}

	/** Whether {@code tls.server.*} set {@code option}, overriding the server context's. */
	private static boolean setByServer(TlsProperties.Server server, String option) {
		return (option.equals(TlsOption.REQUIRE.optionName()) && server.getRequire() != null)
				|| (option.equals(TlsOption.REQUEST.optionName()) && server.getRequest() != null)
				|| (option.equals(TlsOption.OCSP_STAPLING.optionName()) && server.isOcspStapling());
	}

	/** Whether TLS Boot configures the server's TLS; nothing else may be asked of {@link #NONE}. */
	boolean enabled() {
		return this != NONE;
	}

	/** Whether the server asks clients for a certificate. */
	boolean request() {
		return this.options.request(TlsRole.SERVER);
	}

	/** Whether the server refuses clients without a valid certificate. */
	boolean require() {
		return this.options.require(TlsRole.SERVER);
	}

	/** Whether the server offers HTTP/2 ({@code h2}) by ALPN. */
	boolean http2() {
		return this.http2;
	}

}
