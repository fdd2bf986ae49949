package dev.tlsboot.core;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.cipher.CipherSelection;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.option.TlsProtocol;
import dev.tlsboot.core.option.TlsRole;

/**
 * The {@link SSLParameters} that a context's options mean, worked out once when the context is built: the provider,
 * protocols, cipher suites after the security level, key exchange groups, ALPN, client authentication, host name
 * checks and SNI; and what puts them on a socket or engine.
 */
final class TlsParameters {

	private static final System.Logger logger = System.getLogger(TlsContext.class.getName());

	private static final String RENEGOTIATION_INFO_SCSV = "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";

	/** JDK 20's {@code SSLParameters.setNamedGroups}, or {@code null} before it. */
	private static final Method SET_NAMED_GROUPS = namedGroupsMethod();

	/** Whether this JDK sets key exchange groups per socket and engine (JDK 20 and later). */
	static final boolean NAMED_GROUPS_API = SET_NAMED_GROUPS != null;

	private final TlsOptions options;

	private final JsseImplementation provider;

	private final String[] protocols;

	private final String[] cipherSuites;

	private final SecurityLevel securityLevel;

	/** JSSE names of the groups to set; empty to leave the provider's own. */
	private final List<String> groups;

	TlsParameters(TlsOptions options) {
		this.options = options;
		// Suites are chosen by name from the JDK's lists (the names are the same everywhere), then kept to what the
		// provider has: the same options select the same suites on every provider.
		SSLContext jdk = JsseImplementation.JDK.probe();
		List<String> supportedSuites = Arrays.asList(jdk.getSupportedSSLParameters().getCipherSuites());
		List<String> defaultSuites = Arrays.asList(jdk.getDefaultSSLParameters().getCipherSuites());
		List<String> legacySuites;
		SecurityLevel level = SecurityLevel.of(options.securityLevel());
		if (options.cipher() != null) {
			CipherSelection selection = CipherSelection.ofCipherString(options.cipher(), supportedSuites);
			legacySuites = selection.suites();
			if (selection.securityLevel().isPresent()) {
				level = SecurityLevel.of(selection.securityLevel().getAsInt());
			}
		}
		else {
			legacySuites = defaultSuites.stream().filter((suite) -> !isTls13(suite)).toList();
		}
		List<String> tls13Suites = (options.ciphersuites() != null)
				? CipherSelection.ofTls13Suites(options.ciphersuites(), supportedSuites).suites()
				: defaultSuites.stream().filter(TlsParameters::isTls13).toList();
		this.securityLevel = level;
		tls13Suites = level.filterSuites(tls13Suites);
		this.provider = JsseImplementation.resolve(options, tls13Suites);
		SSLParameters supported = this.provider.probe().getSupportedSSLParameters();
		List<String> providerSuites = Arrays.asList(supported.getCipherSuites());
		this.protocols = protocols(options, Arrays.asList(supported.getProtocols()));
		// A suite of a protocol that is off would only lengthen the ClientHello.
		List<String> suites = new ArrayList<>();
		if (options.enabled(TlsProtocol.TLS1_3)) {
			suites.addAll(tls13Suites);
		}
		if (options.protocols().stream().anyMatch((protocol) -> protocol != TlsProtocol.TLS1_3)) {
			suites.addAll(level.filterSuites(legacySuites));
		}
		if (!suites.contains(RENEGOTIATION_INFO_SCSV)) {
			suites.add(RENEGOTIATION_INFO_SCSV);
		}
		this.cipherSuites = suites.stream().filter(providerSuites::contains).toArray(String[]::new);
		this.groups = groups(options, this.provider);
	}

	/**
	 * The groups to set: those of {@code groups}, or by default the post-quantum hybrid first where the provider can
	 * be told. JDK 17's own TLS cannot be told per context: only the process-wide {@code jdk.tls.namedGroups}
	 * system property reaches it. A {@code groups} option there is refused rather than ignored when the context asks
	 * for the JDK by name; with {@code openssl} or {@code auto} it still reaches Netty's OpenSSL channels, so the
	 * context is built and the log says what its SSLContext leaves out.
	 */
	private static List<String> groups(TlsOptions options, JsseImplementation provider) {
		if (options.groups().isEmpty()) {
			return provider.setsGroups()
					? NamedGroups.settable(provider, provider.implemented(NamedGroups.DEFAULT), false).stream()
						.map(NamedGroups.Group::jsseName).toList()
					: List.of();
		}
		if (!provider.setsGroups()) {
			String processWide = "-Djdk.tls.namedGroups=" + String.join(",", jsseNames(options.groups()));
			if (options.provider() != TlsImplementation.JDK) {
				logger.log(System.Logger.Level.WARNING, () -> "'groups' " + options.groups() + " reach Netty's OpenSSL "
						+ "channels only: the JDK " + Runtime.version().feature() + " TLS under this context's "
						+ "SSLContext (sockets, Tomcat, Jetty, the JDK HttpClient) takes groups process-wide, with "
						+ processWide);
				return List.of();
			}
			throw new TlsConfigurationException(TlsOption.GROUPS, null, "the JDK's TLS cannot set key exchange groups per "
					+ "context before JDK 20 (SSLParameters.setNamedGroups); this is JDK "
					+ Runtime.version().feature() + ".", "Set 'provider' to 'conscrypt' (or 'openssl' for Netty "
							+ "channels), or remove 'groups' and set " + processWide
							+ " (which applies to every TLS connection of the JVM), or run JDK 20 or later.");
		}
		List<NamedGroups.Group> wanted = NamedGroups.parse(options.groups());
		List<NamedGroups.Group> implemented = provider.implemented(wanted);
		if (!implemented.equals(wanted)) {
			List<String> missing = wanted.stream().filter((group) -> !implemented.contains(group))
				.map(NamedGroups.Group::openSslName).toList();
			throw new TlsConfigurationException(TlsOption.GROUPS, null, provider.version() + " has no " + missing + ".",
					"Remove " + missing + " from 'groups'.");
		}
		return NamedGroups.settable(provider, implemented, true).stream().map(NamedGroups.Group::jsseName).toList();
	}

	private static List<String> jsseNames(List<String> openSslNames) {
		return NamedGroups.parse(openSslNames).stream().map(NamedGroups.Group::jsseName).toList();
	}

	private static Method namedGroupsMethod() {
		try {
			return SSLParameters.class.getMethod("setNamedGroups", String[].class);
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

	/** TLS 1.3 suites have no key exchange or authentication in their names. */
	private static boolean isTls13(String suite) {
		return suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
	}

	private static String[] protocols(TlsOptions options, List<String> supported) {
		List<String> protocols = options.protocols().stream().map(TlsProtocol::jsseName).filter(supported::contains)
				.toList();
		if (protocols.isEmpty()) {
			throw new TlsConfigurationException(TlsOption.TLS1_2, null,
					"none of the protocols turned on " + options.protocols() + " is supported by this JDK.",
					"Turn on 'tls1.2' or 'tls1.3'.");
		}
		// The JDK lists newest first; so do we, as JSSE prefers the first.
		return protocols.stream().sorted((a, b) -> b.compareTo(a)).toArray(String[]::new);
	}

	/** The security level in force: {@code @SECLEVEL=n} in the cipher string wins over the option. */
	SecurityLevel securityLevel() {
		return this.securityLevel;
	}

	/** The implementation the context's SSLContext runs on, resolved. */
	JsseImplementation provider() {
		return this.provider;
	}

	/** The key exchange groups set on sockets and engines, JSSE names; empty when the provider's own apply. */
	List<String> groups() {
		return this.groups;
	}

	String[] protocols() {
		return this.protocols.clone();
	}

	String[] cipherSuites() {
		return this.cipherSuites.clone();
	}

	/**
	 * Parameters for a socket or engine whose role is not known yet, as servers and HTTP clients create them: both
	 * the client's host name check and the server's client certificate demand are set, each takes effect only in
	 * its own role.
	 */
	SSLParameters defaults() {
		SSLParameters parameters = new SSLParameters(this.provider.suitesToName(this.cipherSuites),
				this.protocols.clone());
		if (!this.options.alpn().isEmpty()) {
			parameters.setApplicationProtocols(this.options.alpn().toArray(String[]::new));
		}
		// Always checked: with 'require' off the trust manager only records a mismatch in the verify result.
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		if (this.options.require(TlsRole.SERVER)) {
			parameters.setNeedClientAuth(true);
		}
		else if (this.options.request(TlsRole.SERVER)) {
			parameters.setWantClientAuth(true);
		}
		if (NAMED_GROUPS_API && !this.groups.isEmpty()) {
			try {
				SET_NAMED_GROUPS.invoke(parameters, (Object) this.groups.toArray(String[]::new));
			}
			catch (IllegalAccessException | InvocationTargetException ex) {
				throw new IllegalStateException("SSLParameters.setNamedGroups failed", ex);
			}
		}
		return parameters;
	}

	/**
	 * Put {@code parameters} on a socket, with what its provider needs besides (Conscrypt: session tickets, groups).
	 * @return the socket
	 */
	SSLSocket apply(SSLSocket socket, SSLParameters parameters) {
		socket.setSSLParameters(parameters);
		prepare(socket);
		return socket;
	}

	/**
	 * Put {@code parameters} on an engine, with what its provider needs besides.
	 * @return the engine
	 */
	SSLEngine apply(SSLEngine engine, SSLParameters parameters) {
		engine.setSSLParameters(parameters);
		this.provider.prepare(engine);
		return engine;
	}

	/** What a socket accepted by a server socket (which carries the parameters already) needs from its provider. */
	SSLSocket prepare(SSLSocket socket) {
		this.provider.prepare(socket, this.groups);
		return socket;
	}

	/** Whether accepted sockets need {@link #prepare(SSLSocket)}. */
	boolean preparesAcceptedSockets() {
		return this.provider.preparesSockets();
	}

	/**
	 * Parameters for a client connecting to {@code host}: the defaults plus SNI, which is {@code servername} when set,
	 * else the host when {@code autoservername} is on and the host is a name, not an IP literal.
	 * @param host the host connected to, or {@code null} when not known
	 */
	SSLParameters client(@Nullable String host) {
		SSLParameters parameters = defaults();
		String serverName = serverName(host);
		if (serverName != null) {
			parameters.setServerNames(List.of(new SNIHostName(serverName)));
		}
		else if (host != null) {
			// An explicit empty list: without it the JDK would send a dotted host name on its own.
			parameters.setServerNames(List.of());
		}
		return parameters;
	}

	/** The SNI name a client connecting to {@code host} sends, or {@code null} for none. */
	@Nullable String serverName(@Nullable String host) {
		if (this.options.servername() != null) {
			return this.options.servername();
		}
		if (this.options.autoservername() && host != null && !HostNames.isIpLiteral(host)) {
			return host;
		}
		return null;
	}

}
