package dev.tlsboot.core;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.material.KeyMaterial;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.observe.ConnectionObserver;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.revocation.OcspStapling;
import dev.tlsboot.core.revocation.RevocationChecker;
import dev.tlsboot.core.revocation.RevocationMode;
import dev.tlsboot.core.spi.TlsEventListener;
import dev.tlsboot.core.spi.TlsValidator;

/**
 * One built TLS context, the Java counterpart of a TclTLS {@code tls::init} model: an SSLContext with its options
 * applied, and everything made from it, which all carry those options: client and server socket factories,
 * engines, {@link #connect connections} and {@link #startTls STARTTLS}.
 * <p>
 * Every socket, accepted socket and engine it hands out is observed: it is kept in a {@link ConnectionRegistry}
 * (by default the {@linkplain ConnectionRegistry#global() process-wide one}) and reported to the context's
 * {@link TlsEventListener}s, and its handshakes are judged by its {@link TlsValidator}s. A context built with
 * {@link ConnectionRegistry#disabled()} and neither hands out the JDK's own sockets and engines.
 * <p>
 * A context built from {@link TlsOptions#defaults() the default options} (nothing set, no material given) has
 * nothing to check, so it defers what costs a fresh JVM a few hundred milliseconds, reading the system trust store
 * and starting the JSSE provider, to its first use: the first SSLContext, socket or engine it hands out, or the first
 * question about its protocols, cipher suites or trust anchors ({@link #isInitialized()} tells). It then behaves as
 * if built at once. A context with anything set is made whole at build, so a bad option fails there.
 * <pre>{@code
 * TlsContext tls = TlsContext.create(TlsOptions.builder().cafile("classpath:ca.pem").alpn("h2").build());
 * try (SSLSocket socket = tls.connect("billing.internal", 443)) {
 *     // handshaken: SNI billing.internal, host name checked, ALPN offered
 * }
 * }</pre>
 */
public final class TlsContext {

	private final String name;

	private final TlsOptions options;

	private final ContextKeyManager ownKey;

	private final X509ExtendedKeyManager keyManager;

	private final ConnectionRegistry registry;

	/** How this context was built, kept to derive variants of it and to know whether it reads files. */
	private final Builder origin;

	private final LiveState live;

	/** Made when first asked for. Guarded by this. */
	private @Nullable OcspStapling stapling;

	TlsContext(Builder origin, ContextKeyManager ownKey, X509ExtendedKeyManager keyManager) {
		this.name = origin.name;
		this.options = origin.options;
		this.ownKey = ownKey;
		this.keyManager = keyManager;
		this.registry = origin.registry;
		this.origin = origin;
		this.live = new LiveState(this, origin, ownKey, keyManager);
	}

	/**
	 * Start building a context, for the parts {@link #create} does not take: material already in memory, the
	 * registry its connections go to, validators and event listeners.
	 * @param options the options
	 * @return the builder
	 */
	public static Builder builder(TlsOptions options) {
		return new Builder(options);
	}

	/**
	 * Build the context named {@code default} from its options, loading its key and trust material.
	 * @param options the options
	 * @return the context
	 * @throws TlsConfigurationException naming the option and file at fault
	 */
	public static TlsContext create(TlsOptions options) {
		return create("default", options);
	}

	/**
	 * Build a named context from its options, loading its key and trust material.
	 * @param name the context's name, shown in logs and by the {@code tls} endpoint
	 * @param options the options
	 * @return the context
	 * @throws TlsConfigurationException naming the option and file at fault
	 */
	public static TlsContext create(String name, TlsOptions options) {
		return builder(options).name(name).build();
	}

	/**
	 * Build a named context from options and material already in memory (the material options are not read).
	 * @param name the context's name
	 * @param options the options
	 * @param material the key and trust material
	 * @return the context
	 * @throws TlsConfigurationException naming the option at fault
	 */
	public static TlsContext create(String name, TlsOptions options, TlsMaterial material) {
		return builder(options).name(name).material(material).build();
	}

	/** Make the SSLContext now, from {@code material}: a context with anything set is made whole at build. */
	void start(TlsMaterial material) {
		this.live.start(material);
	}

	/** The state, made now if this context was deferred. */
	private ContextState state() {
		return this.live.get();
	}

	/** The key manager of this context's own certificate, which variants serving it by SNI share. */
	ContextKeyManager ownKey() {
		return this.ownKey;
	}

	/** The context's name. */
	public String name() {
		return this.name;
	}

	/** The options the context was built from. */
	public TlsOptions options() {
		return this.options;
	}

	/** This context's own certificate chain, leaf first; empty when it has none. */
	public List<X509Certificate> certificateChain() {
		KeyMaterial key = this.ownKey.material();
		return (key != null) ? key.chain() : List.of();
	}

	/** The certificates this context trusts as issuers of peer certificates. */
	public List<X509Certificate> trustAnchors() {
		return state().material().trustAnchors();
	}

	/**
	 * The revocation check of peer certificates: its settings and its counts of answers.
	 * @return the checker, or empty when {@code revocation} is off
	 */
	public Optional<RevocationChecker> revocation() {
		return (this.options.revocation() == RevocationMode.OFF) ? Optional.empty()
				: Optional.ofNullable(state().trustManager().revocation());
	}

	/**
	 * The OCSP response this context staples as a server ({@code ocsp-stapling}), for TLS implementations that take
	 * it per connection (Netty's OpenSSL; the JDK's TLS fetches its own): fetched when first asked for (waiting at
	 * most {@code revocation-timeout}), kept current from then on, and fetched again for a reloaded certificate.
	 * @return the stapling, or empty when {@code ocsp-stapling} is off or the context has no certificate
	 */
	public synchronized Optional<OcspStapling> ocspStapling() {
		if (!this.options.ocspStapling() || this.ownKey.material() == null) {
			return Optional.empty();
		}
		if (this.stapling == null) {
			OcspStapling started = OcspStapling.start(this.name, this::certificateChain, this::trustAnchors,
					this.options.ocspResponder(), this.options.revocationTimeout());
			onReload((reloaded) -> started.refreshSoon());
			this.stapling = started;
		}
		return Optional.of(this.stapling);
	}

	/** The certificate revocation lists loaded from {@code crlfile}; empty when none is set or revocation is off. */
	public List<X509CRL> crls() {
		return state().material().crls();
	}

	/**
	 * Whether this context has read its trust anchors and made its SSLContext: from the build on, unless it was built
	 * from the default options and has not been used yet.
	 */
	public boolean isInitialized() {
		return this.live.isStarted();
	}

	/**
	 * This context's own key and chain, for TLS implementations that do not take an SSLContext (OpenSSL through
	 * Netty); empty when it has none.
	 */
	public Optional<KeyMaterial> keyMaterial() {
		return Optional.ofNullable(this.ownKey.material());
	}

	/**
	 * The trust manager of this context's SSLContext (PKIX, host name, security level, validators, the verify result
	 * recorded in the session), for TLS implementations that do not take an SSLContext.
	 */
	public X509ExtendedTrustManager trustManager() {
		return state().trustManager();
	}

	/**
	 * The key manager of this context's SSLContext: its own certificate (and those it serves by SNI), the current one
	 * after a reload, for TLS implementations that do not take an SSLContext. Each key has its own alias.
	 */
	public X509ExtendedKeyManager keyManager() {
		return this.keyManager;
	}

	/**
	 * Read the key and trust material again from the files the options name, check it, and serve it from the next
	 * handshake on: on every socket, server socket and engine this context has handed out, and on everything built
	 * from them. Open connections keep what they negotiated. When the new material cannot be read, does not belong
	 * together, or its certificate is not valid now, nothing changes: the error is thrown and the current material
	 * keeps serving.
	 * @throws TlsConfigurationException naming the option and file at fault; the context is unchanged
	 * @throws IllegalStateException when the context was built from material in memory rather than files
	 */
	public void reload() {
		if (this.origin.materialInMemory) {
			throw new IllegalStateException("TLS context '" + this.name + "' was built from material in memory: "
					+ "use reload(TlsMaterial)");
		}
		reload(TlsMaterial.load(this.options));
	}

	/**
	 * Serve {@code next} from the next handshake on, after the same checks as {@link #reload()}.
	 * @param next the new material
	 * @throws TlsConfigurationException when the material is refused; the context is unchanged
	 */
	public void reload(TlsMaterial next) {
		this.live.reload(next);
	}

	/**
	 * Be told after each successful reload, e.g. to rebuild what was made from the material rather than from the
	 * SSLContext (Netty's OpenSSL contexts, Spring Boot SSL bundles).
	 * @param listener called with this context, on the reloading thread
	 */
	public void onReload(Consumer<TlsContext> listener) {
		this.live.onReload(Objects.requireNonNull(listener, "listener"));
	}

	/**
	 * Empty {@code sessions} after each successful reload, as a reload does with this context's own client sessions:
	 * for a session cache kept outside its SSLContext (Netty's OpenSSL client contexts), where a connection resuming a
	 * session made before the reload would show the server the old client certificate.
	 * @param sessions the session cache of a client made from this context's material
	 */
	public void forgetSessionsOnReload(SSLSessionContext sessions) {
		onReload((reloaded) -> LiveState.forgetSessions(sessions));
	}

	/**
	 * This context, serving other certificates by SNI as {@link Builder#serverNames} describes: same name,
	 * options, material, registry, validators and listeners.
	 * @param byHostPattern contexts by host name or {@code *.domain}, each with a certificate
	 * @return a new context
	 */
	public TlsContext withServerNames(Map<String, TlsContext> byHostPattern) {
		return toBuilder(this.options).serverNames(byHostPattern).build();
	}

	/**
	 * Start building a variant of this context with other options, from everything else it was built with: name,
	 * material, registry, validators, listeners and server names (a web server's variant asks for client
	 * certificates and offers h2, and its validators still judge its handshakes).
	 * @param options the variant's options
	 * @return a builder, to change more before building
	 */
	public Builder toBuilder(TlsOptions options) {
		Builder variant = this.origin.copy(options, state().material());
		variant.parent = this;
		return variant;
	}

	/**
	 * The tls-alpn-01 challenges this context and its variants answer as a server (ACME's, through
	 * {@code dev.tlsboot.core.acme}); none until some are put and the challenges enabled.
	 */
	public AcmeTlsChallenges acmeTlsChallenges() {
		return this.origin.acmeTlsChallenges;
	}

	/** Where this context's connections are kept; {@link ConnectionRegistry#disabled()} when they are not. */
	public ConnectionRegistry registry() {
		return this.registry;
	}

	/** The security level in force (from {@code security-level}, or {@code @SECLEVEL} in {@code cipher}). */
	public int securityLevel() {
		return state().parameters().securityLevel().level();
	}

	/**
	 * The implementation this context's SSLContext runs on ({@code provider}, with {@code auto} resolved and
	 * {@code openssl}, which is for Netty channels, as the JDK): {@link TlsImplementation#JDK} or
	 * {@link TlsImplementation#CONSCRYPT}.
	 */
	public TlsImplementation provider() {
		return state().parameters().provider().option();
	}

	/** The name and version of the implementation this context runs on, e.g. {@code Conscrypt 2.9.0 (BoringSSL)}. */
	public String providerVersion() {
		return state().parameters().provider().version();
	}

	/**
	 * The key exchange groups set on this context's sockets and engines, JSSE names, most preferred first; empty when
	 * the provider's own order applies (the JDK before JDK 20).
	 */
	public List<String> groups() {
		return state().parameters().groups();
	}

	/** The enabled protocols, JSSE names, newest first. */
	public List<String> protocols() {
		return List.of(state().parameters().protocols());
	}

	/** The enabled cipher suites, JSSE names, in preference order. */
	public List<String> cipherSuites() {
		return List.of(state().parameters().cipherSuites());
	}

	/**
	 * The SSLContext, for APIs that take one. Its sockets, server sockets and engines carry this context's options;
	 * {@link SSLContext#init} on it is refused.
	 */
	public SSLContext sslContext() {
		return state().sslContext();
	}

	/** A client socket factory: SNI from the host, ALPN, host name check, protocols and ciphers applied. */
	public SSLSocketFactory socketFactory() {
		return sslContext().getSocketFactory();
	}

	/** A server socket factory: protocols, ciphers, ALPN and the {@code request}/{@code require} policy applied. */
	public SSLServerSocketFactory serverSocketFactory() {
		return sslContext().getServerSocketFactory();
	}

	/**
	 * A client engine for {@code host}: SNI, host name check and ALPN applied.
	 * @param host the host connected to (SNI and the name checked)
	 * @param port the port
	 * @return the engine, in client mode
	 */
	public SSLEngine clientEngine(String host, int port) {
		SSLEngine engine = sslContext().createSSLEngine(host, port);
		engine.setUseClientMode(true);
		return engine;
	}

	/** A server engine with the {@code request}/{@code require} policy applied. */
	public SSLEngine serverEngine() {
		SSLEngine engine = sslContext().createSSLEngine();
		engine.setUseClientMode(false);
		return engine;
	}

	/**
	 * The parameters a client connecting to {@code host} uses, for APIs that take SSLParameters (JDK HttpClient).
	 * @param host the host, or {@code null}
	 * @return a fresh copy
	 */
	public SSLParameters clientParameters(@Nullable String host) {
		return state().parameters().client(host);
	}

	/**
	 * Connect to {@code host:port} and complete the handshake, both within {@code handshake-timeout}, like
	 * {@code tls::socket} followed by {@code tls::handshake}.
	 * @param host the host name (sent as SNI and checked against the certificate) or IP address
	 * @param port the port
	 * @return the connected socket, handshake done
	 * @throws TlsHandshakeException when the handshake fails, explaining why
	 * @throws IOException when the connection cannot be made
	 */
	public SSLSocket connect(String host, int port) throws IOException {
		Socket plain = new Socket();
		try {
			plain.connect(new InetSocketAddress(host, port), timeoutMillis());
			SSLSocket socket = (SSLSocket) socketFactory().createSocket(plain, host, port, true);
			TlsSockets.handshake(socket, this.options.handshakeTimeout());
			return socket;
		}
		catch (IOException | RuntimeException ex) {
			plain.close();
			throw ex;
		}
	}

	/**
	 * Start TLS on a connected plain socket (STARTTLS, {@code tls::import}) and complete the handshake within
	 * {@code handshake-timeout}. The socket plays the client unless the {@code server} option is set. Closing the
	 * returned socket, or {@link TlsSockets#stopTls}, ends TLS and leaves {@code socket} open for plaintext.
	 * @param socket a connected socket, after the plaintext part of the protocol
	 * @param host the peer's host name, for SNI and the host name check (ignored for a server)
	 * @return the TLS socket over {@code socket}
	 * @throws TlsHandshakeException when the handshake fails, explaining why
	 * @throws IOException on a transport error
	 */
	public SSLSocket startTls(Socket socket, String host) throws IOException {
		SSLSocket tls = (SSLSocket) socketFactory().createSocket(socket, host, socket.getPort(), false);
		if (this.options.server()) {
			tls.setSSLParameters(state().parameters().defaults());
			tls.setUseClientMode(false);
		}
		TlsSockets.handshake(tls, this.options.handshakeTimeout());
		return tls;
	}

	private int timeoutMillis() {
		return (int) Math.min(Integer.MAX_VALUE, this.options.handshakeTimeout().toMillis());
	}

	/**
	 * Builds a {@link TlsContext}. Without {@link #material}, the material is loaded as the options say; without
	 * {@link #registry}, connections go to {@link ConnectionRegistry#global()}.
	 */
	public static final class Builder {

		final TlsOptions options;

		String name = "default";

		TlsMaterial material;

		/** Whether the material was given rather than read from the options' files. */
		boolean materialInMemory;

		/** Whether the trust anchors were handed in, rather than named by the options (a variant keeps its parent's). */
		boolean trustGiven;

		/** The context this one is a variant of: its reloads are followed. */
		TlsContext parent;

		/** The context whose certificate a variant serves instead of its parent's; its reloads are followed too. */
		TlsContext certificateSource;

		private ConnectionRegistry registry = ConnectionRegistry.global();

		private final List<TlsValidator> validators = new ArrayList<>();

		private final List<TlsEventListener> listeners = new ArrayList<>();

		final Map<String, TlsContext> serverNames = new LinkedHashMap<>();

		/** The tls-alpn-01 challenges, shared by a context and its variants; set when the context is built. */
		AcmeTlsChallenges acmeTlsChallenges;

		private Builder(TlsOptions options) {
			this.options = Objects.requireNonNull(options, "options");
		}

		/**
		 * The context's name, shown in logs, on its connections and by the {@code tls} endpoint.
		 * @param name the name; {@code default} unless set
		 * @return this builder
		 */
		public Builder name(String name) {
			this.name = Objects.requireNonNull(name, "name");
			return this;
		}

		/**
		 * Key and trust material already in memory; the material options are then not read.
		 * @param material the material
		 * @return this builder
		 */
		public Builder material(TlsMaterial material) {
			this.material = Objects.requireNonNull(material, "material");
			this.materialInMemory = true;
			this.trustGiven = true;
			return this;
		}

		/**
		 * Where the context's connections are kept; {@link ConnectionRegistry#disabled()} (or {@code null}) to keep
		 * none, which, without validators and listeners, leaves the JDK's sockets and engines unwrapped.
		 * @param registry the registry
		 * @return this builder
		 */
		public Builder registry(ConnectionRegistry registry) {
			this.registry = (registry != null) ? registry : ConnectionRegistry.disabled();
			return this;
		}

		/**
		 * Add a validator, asked after those added before, like {@code -validatecommand}.
		 * @param validator the validator
		 * @return this builder
		 */
		public Builder validator(TlsValidator validator) {
			this.validators.add(Objects.requireNonNull(validator, "validator"));
			return this;
		}

		/**
		 * Add an event listener, like {@code -command}.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(TlsEventListener listener) {
			this.listeners.add(Objects.requireNonNull(listener, "listener"));
			return this;
		}

		/**
		 * Serve other certificates by SNI, on every server socket and engine of this context (and so on Tomcat,
		 * Jetty and Netty's JDK provider): a client asking for a name gets the certificate of the context its
		 * pattern maps to (exact names first, then the longest {@code *.domain}); any other client gets this
		 * context's own certificate. Protocols, ciphers, trust and client authentication stay this context's.
		 * @param byHostPattern contexts by host name or {@code *.domain}, each with a certificate
		 * @return this builder
		 */
		public Builder serverNames(Map<String, TlsContext> byHostPattern) {
			this.serverNames.putAll(byHostPattern);
			return this;
		}

		/**
		 * Serve {@code source}'s certificate and key instead of those of the context this variant was
		 * {@linkplain TlsContext#toBuilder derived} from, also after {@code source} reloads (trust still follows the
		 * context derived from): a web server's variant for a name SNI maps to another context.
		 * @param source a context with a certificate
		 * @return this builder
		 * @throws IllegalArgumentException when {@code source} has no certificate
		 */
		public Builder certificateFrom(TlsContext source) {
			KeyMaterial key = source.keyMaterial().orElse(null);
			if (key == null) {
				throw new IllegalArgumentException("TLS context '" + source.name() + "' has no certificate");
			}
			this.certificateSource = source;
			TlsMaterial current = (this.material != null) ? this.material : TlsMaterial.load(this.options);
			boolean trustGiven = this.trustGiven;
			material(current.withKey(key));
			this.trustGiven = trustGiven;
			return this;
		}

		/**
		 * Build the context.
		 * @return the context
		 * @throws TlsConfigurationException naming the option and file at fault
		 */
		public TlsContext build() {
			return ContextFactory.build(this);
		}

		/**
		 * A snapshot of this builder with other options and {@code material} settled, so later changes to it do not
		 * leak; the material may be {@code null} when the context keeps its own.
		 */
		Builder copy(TlsOptions options, TlsMaterial material) {
			Builder copy = new Builder(options).name(this.name).registry(this.registry);
			copy.material = material;
			copy.materialInMemory = this.materialInMemory;
			copy.trustGiven = this.trustGiven;
			copy.validators.addAll(this.validators);
			copy.listeners.addAll(this.listeners);
			copy.serverNames.putAll(this.serverNames);
			copy.acmeTlsChallenges = this.acmeTlsChallenges;
			return copy;
		}

		/** What observes the context's connections, or {@code null} when nothing would use what it sees. */
		ConnectionObserver observer(int securityLevel) {
			boolean observes = this.registry.isEnabled() || !this.validators.isEmpty() || !this.listeners.isEmpty();
			return observes ? new ConnectionObserver(this.name, this.options::request, this.options::require,
					securityLevel, this.options.handshakeTimeout(), this.registry, this.validators, this.listeners)
					: null;
		}

	}

	@Override
	public String toString() {
		if (!isInitialized()) {
			return "TlsContext '" + this.name + "' [default options, made on first use]";
		}
		KeyMaterial key = this.ownKey.material();
		X509Certificate leaf = (key != null) ? key.leaf() : null;
		return "TlsContext '" + this.name + "' [" + providerVersion() + ", protocols " + protocols() + ", "
				+ cipherSuites().size() + " cipher suites, groups "
				+ (groups().isEmpty() ? "(provider's)" : groups()) + ", security level " + securityLevel() + ", " + trustAnchors().size()
				+ " trusted CAs, certificate " + ((leaf != null) ? leaf.getSubjectX500Principal().getName() : "none")
				+ "]";
	}

}
