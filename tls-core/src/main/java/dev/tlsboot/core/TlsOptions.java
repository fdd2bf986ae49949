package dev.tlsboot.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.material.Location;
import dev.tlsboot.core.material.MaterialOptions;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.option.TlsProtocol;
import dev.tlsboot.core.option.TlsRole;
import dev.tlsboot.core.revocation.RevocationMode;
import dev.tlsboot.core.revocation.RevocationScope;
import dev.tlsboot.core.spi.PasswordProvider;

/**
 * Every option of one TLS context, named as in TclTLS ({@code tls::init}, {@code tls::socket}). Immutable.
 * <p>
 * {@link #defaults()} are TclTLS 2.0's secure defaults: TLS 1.2 and 1.3 only, the system CA store, a client that
 * requires a valid peer certificate whose names match the host, SNI from the host name, security level 2 and a 10 s
 * handshake timeout. A named context starts from the defaults and overrides some, like TclTLS's {@code -model}:
 * <pre>{@code
 * TlsOptions billing = TlsOptions.defaults().toBuilder()
 *         .cafile("classpath:billing-ca.pem")
 *         .servername("billing.internal")
 *         .build();
 * }</pre>
 */
public final class TlsOptions implements MaterialOptions {

	/** The handshake timeout of {@link #defaults()}. */
	public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

	/** How long one fetch of an OCSP response or a CRL may take unless {@code revocation-timeout} says otherwise. */
	public static final Duration DEFAULT_REVOCATION_TIMEOUT = Duration.ofSeconds(5);

	/** The security level of {@link #defaults()}, as in OpenSSL 3. */
	public static final int DEFAULT_SECURITY_LEVEL = 2;

	private static final TlsOptions DEFAULTS = new Builder().build();

	private final Location cafile;

	private final Location cadir;

	private final List<String> castore;

	private final Location certfile;

	private final Location keyfile;

	private final byte[] cert;

	private final byte[] key;

	private final String keyalias;

	private final PasswordProvider password;

	private final Set<TlsProtocol> protocols;

	private final String cipher;

	private final String ciphersuites;

	private final List<String> alpn;

	private final String servername;

	private final boolean autoservername;

	private final Boolean request;

	private final Boolean require;

	private final int securityLevel;

	private final Duration handshakeTimeout;

	private final boolean postHandshake;

	private final boolean server;

	private final TlsImplementation provider;

	private final List<String> groups;

	private final Location crlfile;

	private final RevocationMode revocation;

	private final RevocationScope revocationScope;

	private final Duration revocationTimeout;

	private final Boolean revocationOcsp;

	private final URI ocspResponder;

	private final Boolean revocationCrldp;

	private final boolean ocspStapling;

	private TlsOptions(Builder builder) {
		this.cafile = builder.cafile;
		this.cadir = builder.cadir;
		this.castore = List.copyOf(builder.castore);
		this.certfile = builder.certfile;
		this.keyfile = builder.keyfile;
		this.cert = (builder.cert != null) ? builder.cert.clone() : null;
		this.key = (builder.key != null) ? builder.key.clone() : null;
		this.keyalias = builder.keyalias;
		this.password = builder.password;
		this.protocols = Collections.unmodifiableSet(EnumSet.copyOf(builder.protocols));
		this.cipher = builder.cipher;
		this.ciphersuites = builder.ciphersuites;
		this.alpn = List.copyOf(builder.alpn);
		this.servername = builder.servername;
		this.autoservername = builder.autoservername;
		this.request = builder.request;
		this.require = builder.require;
		this.securityLevel = builder.securityLevel;
		this.handshakeTimeout = builder.handshakeTimeout;
		this.postHandshake = builder.postHandshake;
		this.server = builder.server;
		this.provider = builder.provider;
		this.groups = builder.groups;
		this.crlfile = builder.crlfile;
		this.revocation = builder.revocation;
		this.revocationScope = builder.revocationScope;
		this.revocationTimeout = builder.revocationTimeout;
		this.revocationOcsp = builder.revocationOcsp;
		this.ocspResponder = builder.ocspResponder;
		this.revocationCrldp = builder.revocationCrldp;
		this.ocspStapling = builder.ocspStapling;
	}

	/** TclTLS 2.0's secure defaults. */
	public static TlsOptions defaults() {
		return DEFAULTS;
	}

	/** A builder that starts from {@link #defaults()}. */
	public static Builder builder() {
		return new Builder();
	}

	/** A builder that starts from these options: the way a named context inherits the defaults. */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/** {@code cafile}: a PEM bundle of trusted CA certificates, or {@code null}. */
	@Override
	public @Nullable Location cafile() {
		return this.cafile;
	}

	/** {@code cadir}: a directory of trusted CA certificates (plain or OpenSSL-hashed names), or {@code null}. */
	@Override
	public @Nullable Location cadir() {
		return this.cadir;
	}

	/**
	 * {@code castore}: trust store URIs ({@code system}, {@code java}, {@code file:...p12}). When no trust source is
	 * set at all, the system store is used.
	 */
	@Override
	public List<String> castore() {
		return this.castore;
	}

	/** Whether any of {@code cafile}, {@code cadir} or {@code castore} was given. */
	@Override
	public boolean hasExplicitTrust() {
		return this.cafile != null || this.cadir != null || !this.castore.isEmpty();
	}

	/** {@code certfile}: the certificate chain (PEM, DER) or a PKCS#12/JKS keystore, or {@code null}. */
	@Override
	public @Nullable Location certfile() {
		return this.certfile;
	}

	/** {@code keyfile}: the private key (PEM or DER), or {@code null} when it is in {@code certfile}. */
	@Override
	public @Nullable Location keyfile() {
		return this.keyfile;
	}

	/** {@code cert}: the certificate as DER bytes (a copy), or {@code null}. */
	@Override
	public byte @Nullable [] cert() {
		return (this.cert != null) ? this.cert.clone() : null;
	}

	/** {@code key}: the private key as DER bytes (a copy), or {@code null}. */
	@Override
	public byte @Nullable [] key() {
		return (this.key != null) ? this.key.clone() : null;
	}

	/** Whether this context has a certificate of its own, from files or DER bytes. */
	@Override
	public boolean hasKeyMaterial() {
		return this.certfile != null || this.cert != null;
	}

	/** {@code keyalias}: which entry of a keystore to use, by alias or subject CN; {@code null} for the only one. */
	@Override
	public @Nullable String keyalias() {
		return this.keyalias;
	}

	/** {@code password}: the password of an encrypted key or a keystore. */
	@Override
	public PasswordProvider password() {
		return this.password;
	}

	/** The enabled protocols ({@code tls1.2}, {@code tls1.3}, ...). */
	public Set<TlsProtocol> protocols() {
		return this.protocols;
	}

	/** Whether {@code protocol} is turned on. */
	public boolean enabled(TlsProtocol protocol) {
		return this.protocols.contains(protocol);
	}

	/** {@code cipher}: an OpenSSL cipher string for TLS 1.2 and below, or {@code null} for the defaults. */
	public @Nullable String cipher() {
		return this.cipher;
	}

	/** {@code ciphersuites}: the TLS 1.3 suites, colon separated, or {@code null} for the defaults. */
	public @Nullable String ciphersuites() {
		return this.ciphersuites;
	}

	/** {@code alpn}: the application protocols to offer or accept, most preferred first. */
	public List<String> alpn() {
		return this.alpn;
	}

	/** {@code servername}: the SNI name a client sends (and checks the certificate against), or {@code null}. */
	public @Nullable String servername() {
		return this.servername;
	}

	/** {@code autoservername}: send the connected host name as SNI when {@code servername} is not set. */
	public boolean autoservername() {
		return this.autoservername;
	}

	/**
	 * {@code request}: ask the peer for a certificate. A client always gets the server's; a server asks for a client
	 * certificate only when this is set.
	 * @param role the side of the connection
	 * @return the value set, or the default for that side (client {@code true}, server {@code false})
	 */
	public boolean request(TlsRole role) {
		return (this.request != null) ? this.request : role == TlsRole.CLIENT;
	}

	/**
	 * {@code require}: refuse a peer without a valid certificate (and, on a client, without a matching host name).
	 * @param role the side of the connection
	 * @return the value set, or the default for that side (client {@code true}, server {@code false})
	 */
	public boolean require(TlsRole role) {
		return (this.require != null) ? this.require : role == TlsRole.CLIENT;
	}

	/** {@code security-level}: 0 to 5, with OpenSSL 3's meaning. */
	public int securityLevel() {
		return this.securityLevel;
	}

	/** {@code handshake-timeout}: how long a handshake may take. */
	public Duration handshakeTimeout() {
		return this.handshakeTimeout;
	}

	/** {@code post-handshake}: allow TLS 1.3 post-handshake client authentication. */
	public boolean postHandshake() {
		return this.postHandshake;
	}

	/** {@code server}: imported sockets ({@code startTls}) act as the server side. */
	public boolean server() {
		return this.server;
	}

	/**
	 * {@code provider}: the TLS implementation of every consumer of the context, each getting the one it can use
	 * (see {@link TlsImplementation}): the SSLContext, and so its sockets, server sockets and engines, whoever uses
	 * them (Tomcat, Jetty, the JDK HttpClient, Netty's JDK provider), and Netty's channels.
	 */
	public TlsImplementation provider() {
		return this.provider;
	}

	/**
	 * {@code groups}: the key exchange groups to offer and accept, most preferred first, by OpenSSL name
	 * ({@code X25519MLKEM768}, {@code X25519}, {@code P-256}, ...); empty when not set, which means TLS Boot's default
	 * (the post-quantum hybrid first) where the provider can be told, and the provider's own order elsewhere.
	 */
	public List<String> groups() {
		return this.groups;
	}

	/** {@code crlfile}: a file or directory of certificate revocation lists (PEM or DER), or {@code null}. */
	@Override
	public @Nullable Location crlfile() {
		return this.crlfile;
	}

	/**
	 * {@code revocation}: how peer certificates are checked for revocation. Unless set, {@link RevocationMode#OFF},
	 * except that {@code crlfile} alone means {@link RevocationMode#SOFT} against those lists only.
	 */
	public RevocationMode revocation() {
		if (this.revocation != null) {
			return this.revocation;
		}
		return (this.crlfile != null) ? RevocationMode.SOFT : RevocationMode.OFF;
	}

	/** {@code revocation} as set, or {@code null} when it is not. */
	@Nullable RevocationMode revocationSetting() {
		return this.revocation;
	}

	@Override
	public boolean checksRevocation() {
		return revocation() != RevocationMode.OFF;
	}

	/** {@code revocation-scope}: which certificates of the peer's chain are checked; {@code chain} unless set. */
	public RevocationScope revocationScope() {
		return this.revocationScope;
	}

	/** {@code revocation-timeout}: how long one fetch of an OCSP response or a CRL may take; 5 s unless set. */
	public Duration revocationTimeout() {
		return this.revocationTimeout;
	}

	/**
	 * {@code revocation-ocsp}: whether OCSP responders are asked. Unless set, they are when {@code revocation} is set
	 * to {@code soft} or {@code hard}, and not when {@code crlfile} alone turns revocation on.
	 */
	public boolean revocationOcsp() {
		return (this.revocationOcsp != null) ? this.revocationOcsp : this.revocation != null;
	}

	/**
	 * {@code revocation-crldp}: whether the CRLs at the distribution points certificates name are fetched. Unless set,
	 * they are when {@code revocation} is set to {@code soft} or {@code hard}, and not when {@code crlfile} alone turns
	 * revocation on.
	 */
	public boolean revocationCrldp() {
		return (this.revocationCrldp != null) ? this.revocationCrldp : this.revocation != null;
	}

	/** {@code ocsp-responder}: the OCSP responder asked instead of the one each certificate names, or {@code null}. */
	public @Nullable URI ocspResponder() {
		return this.ocspResponder;
	}

	/**
	 * {@code ocsp-stapling}: whether a server staples the OCSP response about its own certificate (from the responder
	 * it names, or {@code ocsp-responder}) to its handshakes; off unless set.
	 */
	public boolean ocspStapling() {
		return this.ocspStapling;
	}

	/** The role of sockets handed to {@code startTls}. */
	public TlsRole role() {
		return this.server ? TlsRole.SERVER : TlsRole.CLIENT;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof TlsOptions that)) {
			return false;
		}
		return Objects.equals(this.cafile, that.cafile) && Objects.equals(this.cadir, that.cadir)
				&& this.castore.equals(that.castore) && Objects.equals(this.certfile, that.certfile)
				&& Objects.equals(this.keyfile, that.keyfile) && Arrays.equals(this.cert, that.cert)
				&& Arrays.equals(this.key, that.key) && Objects.equals(this.keyalias, that.keyalias)
				&& this.password == that.password && this.protocols.equals(that.protocols)
				&& Objects.equals(this.cipher, that.cipher) && Objects.equals(this.ciphersuites, that.ciphersuites)
				&& this.alpn.equals(that.alpn) && Objects.equals(this.servername, that.servername)
				&& this.autoservername == that.autoservername && Objects.equals(this.request, that.request)
				&& Objects.equals(this.require, that.require) && this.securityLevel == that.securityLevel
				&& this.handshakeTimeout.equals(that.handshakeTimeout) && this.postHandshake == that.postHandshake
				&& this.server == that.server && this.provider == that.provider && this.groups.equals(that.groups)
				&& Objects.equals(this.crlfile, that.crlfile) && this.revocation == that.revocation
				&& this.revocationScope == that.revocationScope && this.revocationTimeout.equals(that.revocationTimeout)
				&& Objects.equals(this.revocationOcsp, that.revocationOcsp)
				&& Objects.equals(this.ocspResponder, that.ocspResponder)
				&& Objects.equals(this.revocationCrldp, that.revocationCrldp) && this.ocspStapling == that.ocspStapling;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.cafile, this.cadir, this.castore, this.certfile, this.keyfile, this.protocols,
				this.cipher, this.alpn, this.servername, this.securityLevel);
	}

	/** Every option but the secrets: key bytes and passwords are never shown. */
	@Override
	public String toString() {
		StringJoiner joiner = new StringJoiner(", ", "TlsOptions[", "]");
		joiner.add("cafile=" + this.cafile).add("cadir=" + this.cadir).add("castore=" + this.castore);
		joiner.add("certfile=" + this.certfile).add("keyfile=" + this.keyfile);
		joiner.add("cert=" + ((this.cert != null) ? this.cert.length + " bytes" : null));
		joiner.add("key=" + ((this.key != null) ? "(hidden)" : null)).add("keyalias=" + this.keyalias);
		joiner.add("protocols=" + this.protocols).add("cipher=" + this.cipher);
		joiner.add("ciphersuites=" + this.ciphersuites).add("alpn=" + this.alpn);
		joiner.add("servername=" + this.servername).add("autoservername=" + this.autoservername);
		joiner.add("request=" + this.request).add("require=" + this.require);
		joiner.add("securityLevel=" + this.securityLevel).add("handshakeTimeout=" + this.handshakeTimeout);
		joiner.add("postHandshake=" + this.postHandshake).add("server=" + this.server);
		joiner.add("provider=" + this.provider).add("groups=" + this.groups);
		joiner.add("crlfile=" + this.crlfile).add("revocation=" + this.revocation);
		joiner.add("revocationScope=" + this.revocationScope).add("revocationTimeout=" + this.revocationTimeout);
		joiner.add("revocationOcsp=" + this.revocationOcsp).add("ocspResponder=" + this.ocspResponder);
		joiner.add("revocationCrldp=" + this.revocationCrldp).add("ocspStapling=" + this.ocspStapling);
		return joiner.toString();
	}

	/**
	 * Builds {@link TlsOptions}; {@link #build()} checks the combination and throws
	 * {@link TlsConfigurationException} naming the option at fault.
	 */
	public static final class Builder {

		private Location cafile;

		private Location cadir;

		private List<String> castore = List.of();

		private Location certfile;

		private Location keyfile;

		private byte[] cert;

		private byte[] key;

		private String keyalias;

		private PasswordProvider password = PasswordProvider.NONE;

		private final EnumSet<TlsProtocol> protocols = EnumSet.of(TlsProtocol.TLS1_2, TlsProtocol.TLS1_3);

		private String cipher;

		private String ciphersuites;

		private List<String> alpn = List.of();

		private String servername;

		private boolean autoservername = true;

		private Boolean request;

		private Boolean require;

		private int securityLevel = DEFAULT_SECURITY_LEVEL;

		private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;

		private boolean postHandshake;

		private boolean server;

		private TlsImplementation provider = TlsImplementation.JDK;

		private List<String> groups = List.of();

		private Location crlfile;

		private RevocationMode revocation;

		private RevocationScope revocationScope = RevocationScope.CHAIN;

		private Duration revocationTimeout = DEFAULT_REVOCATION_TIMEOUT;

		private Boolean revocationOcsp;

		private URI ocspResponder;

		private String ocspResponderText;

		private Boolean revocationCrldp;

		private boolean ocspStapling;

		private Builder() {
		}

		private Builder(TlsOptions options) {
			this.cafile = options.cafile;
			this.cadir = options.cadir;
			this.castore = options.castore;
			this.certfile = options.certfile;
			this.keyfile = options.keyfile;
			this.cert = options.cert;
			this.key = options.key;
			this.keyalias = options.keyalias;
			this.password = options.password;
			this.protocols.clear();
			this.protocols.addAll(options.protocols);
			this.cipher = options.cipher;
			this.ciphersuites = options.ciphersuites;
			this.alpn = options.alpn;
			this.servername = options.servername;
			this.autoservername = options.autoservername;
			this.request = options.request;
			this.require = options.require;
			this.securityLevel = options.securityLevel;
			this.handshakeTimeout = options.handshakeTimeout;
			this.postHandshake = options.postHandshake;
			this.server = options.server;
			this.provider = options.provider;
			this.groups = options.groups;
			this.crlfile = options.crlfile;
			this.revocation = options.revocation;
			this.revocationScope = options.revocationScope;
			this.revocationTimeout = options.revocationTimeout;
			this.revocationOcsp = options.revocationOcsp;
			this.ocspResponder = options.ocspResponder;
			this.revocationCrldp = options.revocationCrldp;
			this.ocspStapling = options.ocspStapling;
		}

		/** Set {@code cafile}: a PEM bundle of trusted CAs ({@code classpath:}, {@code file:}, {@code optional:} prefixes). */
		public Builder cafile(String location) {
			this.cafile = Location.of(location);
			return this;
		}

		/** Set {@code cadir}: a directory of trusted CA certificates. */
		public Builder cadir(String location) {
			this.cadir = Location.of(location);
			return this;
		}

		/** Set {@code castore}: trust store URIs ({@code system}, {@code java}, {@code file:...p12}). */
		public Builder castore(String... uris) {
			return castore(List.of(uris));
		}

		/** Set {@code castore}: trust store URIs ({@code system}, {@code java}, {@code file:...p12}). */
		public Builder castore(List<String> uris) {
			this.castore = List.copyOf(uris);
			return this;
		}

		/** Set {@code certfile}: the certificate chain (PEM, DER) or a PKCS#12/JKS key store. */
		public Builder certfile(String location) {
			this.certfile = Location.of(location);
			return this;
		}

		/** Set {@code keyfile}: the private key (PEM or DER), unless it is in {@code certfile}. */
		public Builder keyfile(String location) {
			this.keyfile = Location.of(location);
			return this;
		}

		/** Set {@code cert}: the certificate as DER bytes (copied), or {@code null}. */
		public Builder cert(byte @Nullable [] der) {
			this.cert = (der != null) ? der.clone() : null;
			return this;
		}

		/** Set {@code key}: the private key as DER bytes (copied), or {@code null}. */
		public Builder key(byte @Nullable [] der) {
			this.key = (der != null) ? der.clone() : null;
			return this;
		}

		/** Set {@code keyalias}: the key store entry to use, by alias or subject CN. */
		public Builder keyalias(@Nullable String aliasOrCommonName) {
			this.keyalias = aliasOrCommonName;
			return this;
		}

		/** Set {@code password}: the password of an encrypted key or a key store. */
		public Builder password(@Nullable String password) {
			return password(PasswordProvider.of(password));
		}

		/** Set {@code password} as a callback, like TclTLS's {@code -password}; {@code null} for none. */
		public Builder password(@Nullable PasswordProvider provider) {
			this.password = (provider != null) ? provider : PasswordProvider.NONE;
			return this;
		}

		/** Turn one protocol on or off, like TclTLS's {@code -tls1.2 true}. */
		public Builder protocol(TlsProtocol protocol, boolean enabled) {
			if (enabled) {
				this.protocols.add(protocol);
			}
			else {
				this.protocols.remove(protocol);
			}
			return this;
		}

		/** Set {@code cipher}: the TLS 1.2-and-older suites as an OpenSSL cipher string; blank for the default. */
		public Builder cipher(@Nullable String openSslCipherString) {
			this.cipher = blankToNull(openSslCipherString);
			return this;
		}

		/** Set {@code ciphersuites}: the TLS 1.3 suites by name, {@code :}-separated; blank for the default. */
		public Builder ciphersuites(@Nullable String tls13Suites) {
			this.ciphersuites = blankToNull(tls13Suites);
			return this;
		}

		/** Set {@code alpn}: the application protocols, most preferred first. */
		public Builder alpn(String... protocols) {
			return alpn(List.of(protocols));
		}

		/** Set {@code alpn}: the application protocols, most preferred first. */
		public Builder alpn(List<String> protocols) {
			this.alpn = List.copyOf(protocols);
			return this;
		}

		/** Set {@code servername}: the SNI host name a client sends; blank for the host it connects to. */
		public Builder servername(@Nullable String servername) {
			this.servername = blankToNull(servername);
			return this;
		}

		/** Set {@code autoservername}: whether a client sends the host it connects to as SNI. */
		public Builder autoservername(boolean autoservername) {
			this.autoservername = autoservername;
			return this;
		}

		/** Set {@code request}: ask the peer for a certificate; {@code null} for the role's default. */
		public Builder request(@Nullable Boolean request) {
			this.request = request;
			return this;
		}

		/** Set {@code require}: refuse a peer without a valid certificate; {@code null} for the role's default. */
		public Builder require(@Nullable Boolean require) {
			this.require = require;
			return this;
		}

		/** Set {@code security-level}: 0 to 5, with OpenSSL 3's meaning. */
		public Builder securityLevel(int securityLevel) {
			this.securityLevel = securityLevel;
			return this;
		}

		/** Set {@code handshake-timeout}: the deadline of a whole handshake. */
		public Builder handshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
			return this;
		}

		/** Set {@code post-handshake}: offer TLS 1.3 post-handshake client authentication. */
		public Builder postHandshake(boolean postHandshake) {
			this.postHandshake = postHandshake;
			return this;
		}

		/** Set {@code server}: whether the context plays the server by default, like TclTLS's {@code -server}. */
		public Builder server(boolean server) {
			this.server = server;
			return this;
		}

		/**
		 * The TLS implementation, per consumer as {@link TlsImplementation} says; {@link TlsImplementation#JDK} unless
		 * set.
		 * @param provider the provider
		 * @return this builder
		 */
		public Builder provider(TlsImplementation provider) {
			this.provider = Objects.requireNonNull(provider, "provider");
			return this;
		}

		/**
		 * The key exchange groups, as OpenSSL's {@code -groups} takes them.
		 * @param openSslGroups e.g. {@code X25519MLKEM768:X25519:P-256}; blank for the default
		 * @return this builder
		 */
		public Builder groups(String openSslGroups) {
			return groups((openSslGroups != null) ? NamedGroups.split(openSslGroups) : List.of());
		}

		/**
		 * The key exchange groups, most preferred first.
		 * @param names OpenSSL names (or JSSE names); empty for the default
		 * @return this builder
		 */
		public Builder groups(List<String> names) {
			this.groups = List.copyOf(names);
			return this;
		}

		/**
		 * Set {@code crlfile}: a file of certificate revocation lists (PEM or DER), or a directory of them, each
		 * signed by a trusted CA. Alone it turns {@code revocation} to {@code soft} against these lists only.
		 * @param location a {@code file:}, {@code classpath:} or {@code optional:} location
		 * @return this builder
		 */
		public Builder crlfile(String location) {
			this.crlfile = Location.of(location);
			return this;
		}

		/**
		 * Set {@code revocation}: {@code off}, {@code soft} or {@code hard}; {@code null} for the default
		 * ({@code soft} with a {@code crlfile}, else {@code off}).
		 * @param revocation the mode
		 * @return this builder
		 */
		public Builder revocation(@Nullable RevocationMode revocation) {
			this.revocation = revocation;
			return this;
		}

		/**
		 * Set {@code revocation-scope}: every certificate below the trust anchor ({@code chain}, the default) or the
		 * peer's own only ({@code leaf}).
		 * @param scope the scope
		 * @return this builder
		 */
		public Builder revocationScope(RevocationScope scope) {
			this.revocationScope = Objects.requireNonNull(scope, "revocationScope");
			return this;
		}

		/**
		 * Set {@code revocation-timeout}: how long one fetch of an OCSP response or a CRL may take, so that a silent
		 * responder costs a handshake at most this (and only while nothing is cached).
		 * @param timeout positive
		 * @return this builder
		 */
		public Builder revocationTimeout(Duration timeout) {
			this.revocationTimeout = Objects.requireNonNull(timeout, "revocationTimeout");
			return this;
		}

		/**
		 * Set {@code revocation-ocsp}: whether OCSP responders are asked; {@code null} for the default (when
		 * {@code revocation} is set).
		 * @param ocsp on or off
		 * @return this builder
		 */
		public Builder revocationOcsp(@Nullable Boolean ocsp) {
			this.revocationOcsp = ocsp;
			return this;
		}

		/**
		 * Set {@code revocation-crldp}: whether the CRLs at certificates' distribution points are fetched;
		 * {@code null} for the default (when {@code revocation} is set).
		 * @param crldp on or off
		 * @return this builder
		 */
		public Builder revocationCrldp(@Nullable Boolean crldp) {
			this.revocationCrldp = crldp;
			return this;
		}

		/**
		 * Set {@code ocsp-stapling}: whether a server staples the OCSP response about its own certificate to its
		 * handshakes. On the JDK's TLS this turns the JVM-wide {@code jdk.tls.server.enableStatusRequestExtension} on
		 * (see the revocation documentation).
		 * @param stapling on or off
		 * @return this builder
		 */
		public Builder ocspStapling(boolean stapling) {
			this.ocspStapling = stapling;
			return this;
		}

		/**
		 * Set {@code ocsp-responder}: the OCSP responder to ask about every certificate, instead of the one it names;
		 * blank for none.
		 * @param url an {@code http:} or {@code https:} URL
		 * @return this builder
		 */
		public Builder ocspResponder(@Nullable String url) {
			this.ocspResponderText = blankToNull(url);
			this.ocspResponder = null;
			return this;
		}

		/**
		 * Check the combination and build.
		 * @return the options
		 * @throws TlsConfigurationException naming the first option at fault
		 */
		public TlsOptions build() {
			for (TlsProtocol legacy : List.of(TlsProtocol.SSL2, TlsProtocol.SSL3)) {
				if (this.protocols.contains(legacy)) {
					throw new TlsConfigurationException(legacy.option(), null,
							legacy.jsseName() + " cannot be turned on: the JDK has no " + legacy.jsseName()
									+ " implementation, and the protocol is broken.",
							"Remove '" + legacy.option() + "' or set it to false.");
				}
			}
			for (TlsProtocol old : List.of(TlsProtocol.TLS1, TlsProtocol.TLS1_1)) {
				if (this.protocols.contains(old) && this.securityLevel > 0) {
					throw new TlsConfigurationException(old.option(), null,
							old.jsseName() + " needs SHA-1 and MD5 signatures, which security level "
									+ this.securityLevel + " refuses (as OpenSSL 3 does).",
							"Set 'security-level' to 0 as well, or better, leave '" + old.option() + "' off.");
				}
			}
			if (this.protocols.isEmpty()) {
				throw new TlsConfigurationException(TlsOption.TLS1_2, null, "every protocol is turned off.",
						"Turn on at least 'tls1.2' or 'tls1.3'.");
			}
			if (this.securityLevel < 0 || this.securityLevel > 5) {
				throw new TlsConfigurationException(TlsOption.SECURITY_LEVEL, null,
						"security level " + this.securityLevel + " does not exist.",
						"Use 0 to 5 (OpenSSL's meaning; 2 is the default).");
			}
			if (this.handshakeTimeout.isNegative() || this.handshakeTimeout.isZero()) {
				throw new TlsConfigurationException(TlsOption.HANDSHAKE_TIMEOUT, null,
						"the timeout must be positive, not " + this.handshakeTimeout + ".", "Use e.g. 10s.");
			}
			if (this.keyfile != null && this.certfile == null) {
				throw new TlsConfigurationException(TlsOption.CERTFILE, this.keyfile.text(),
						"'keyfile' is set but 'certfile' is not, so the key has no certificate.",
						"Set 'certfile' to the certificate (chain) that belongs to the key.");
			}
			if ((this.key != null) != (this.cert != null)) {
				throw new TlsConfigurationException((this.key != null) ? TlsOption.CERT : TlsOption.KEY, null,
						"'cert' and 'key' (DER bytes) go together, and only one is set.", "Set both, or neither.");
			}
			for (String protocol : this.alpn) {
				if (protocol.isEmpty() || protocol.length() > 255) {
					throw new TlsConfigurationException(TlsOption.ALPN, null,
							"an ALPN protocol name must be 1 to 255 bytes, not '" + protocol + "'.",
							"Use registered names such as h2 or http/1.1.");
				}
			}
			if (this.revocationTimeout.isNegative() || this.revocationTimeout.isZero()) {
				throw new TlsConfigurationException(TlsOption.REVOCATION_TIMEOUT, null,
						"the timeout must be positive, not " + this.revocationTimeout + ".", "Use e.g. 5s.");
			}
			if (this.ocspResponderText != null) {
				this.ocspResponder = responder(this.ocspResponderText);
				this.ocspResponderText = null;
			}
			if (!this.groups.isEmpty()) {
				this.groups = NamedGroups.parse(this.groups).stream().map(NamedGroups.Group::openSslName).toList();
			}
			return new TlsOptions(this);
		}

		private static URI responder(String url) {
			try {
				URI uri = new URI(url);
				if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
					return uri;
				}
			}
			catch (URISyntaxException ex) {
				// explained below
			}
			throw new TlsConfigurationException(TlsOption.OCSP_RESPONDER, null, "'" + url + "' is not an HTTP URL.",
					"Use the responder's URL, e.g. http://ocsp.example.com/.");
		}

		private static @Nullable String blankToNull(@Nullable String value) {
			return (value == null || value.isBlank()) ? null : value.strip();
		}

	}

}
