package dev.tlsboot.core;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.option.TlsConfigurationException;

/**
 * The {@code provider} option, and the JSSE implementation a {@link TlsContext} is built on: everything the context
 * hands out (sockets, server sockets, engines, its SSLContext) runs on it, so blocking sockets, Tomcat, Jetty, the JDK
 * HttpClient and Netty's JDK provider all get its speed.
 * <p>
 * One option serves every consumer, each getting the implementation it can use: SSLContext consumers get the JDK for
 * {@link #JDK} and {@link #OPENSSL}, Conscrypt for {@link #CONSCRYPT}, and Conscrypt if it loads, else the JDK, for
 * {@link #AUTO}; Netty channels ({@code dev.tlsboot.netty.TlsProvider#of}) get OpenSSL for {@link #OPENSSL}, OpenSSL
 * if it loads for {@link #AUTO}, and the context's SSLContext otherwise. {@link TlsContext#provider()} is always
 * {@link #JDK} or {@link #CONSCRYPT}.
 * <p>
 * {@link #CONSCRYPT} is Google's Conscrypt ({@code org.conscrypt:conscrypt-openjdk-uber}, BoringSSL inside): a new
 * instance of its provider per JVM, handed to {@code SSLContext.getInstance} and never registered as a JCA
 * provider, so nothing else in the process changes. Options, host name checks, SNI, ALPN, the security level,
 * validators, the connection registry and reload behave as on the JDK. What Conscrypt cannot do: leave out any of
 * its three TLS 1.3 suites ({@code ciphersuites}), and skip SNI for a host name when {@code autoservername} is off.
 * <p>
 * This is the only place that knows what differs between providers.
 */
public enum JsseProvider {

	/** The JDK's own TLS (SunJSSE). The default: no native code, and every option honoured. */
	JDK,

	/** Conscrypt (BoringSSL); refused at build time when it is not on the classpath or does not load here. */
	CONSCRYPT,

	/**
	 * Netty's OpenSSL (BoringSSL through netty-tcnative) for Netty channels; the JDK for SSLContext consumers, which
	 * OpenSSL cannot serve.
	 */
	OPENSSL,

	/** Conscrypt when it loads here and can honour the context's options, else the JDK; the choice is logged. */
	AUTO;

	private static final System.Logger logger = System.getLogger(JsseProvider.class.getName());

	/**
	 * Whether this provider can be used for an SSLContext in this JVM: always for {@link #JDK}, {@link #OPENSSL} and
	 * {@link #AUTO}; for {@link #CONSCRYPT} when its jar is on the classpath and its native library loads on this platform.
	 * @return whether building on it can succeed
	 */
	public boolean isAvailable() {
		return this != CONSCRYPT || Conscrypts.isAvailable();
	}

	/**
	 * Why {@link #CONSCRYPT} cannot be used here, for messages; {@code null} when it can.
	 * @return the reason, or {@code null}
	 */
	public static @Nullable String conscryptUnavailability() {
		return Conscrypts.unavailability();
	}

	/**
	 * The implementation's name and version as {@code tls::version} tells it, e.g. {@code "SunJSSE 17"} or
	 * {@code "Conscrypt 2.9.0 (BoringSSL)"}.
	 * @return the version text of the SSLContext's implementation; for {@link #AUTO}, of what it would choose for
	 * default options
	 */
	public String version() {
		return switch (this) {
			case JDK, OPENSSL -> {
				Provider jdk = probe().getProvider();
				yield jdk.getName() + " " + jdk.getVersionStr();
			}
			case CONSCRYPT -> Conscrypts.version();
			case AUTO -> (Conscrypts.isAvailable() ? CONSCRYPT : JDK).version();
		};
	}

	/**
	 * The provider a context with {@code options} runs on: {@link #AUTO} resolved, the others checked.
	 * @throws TlsConfigurationException for option {@code provider} when Conscrypt was asked for by name and cannot
	 * be loaded, or for {@code ciphersuites} when it cannot honour them
	 */
	static JsseProvider resolve(TlsOptions options, List<String> tls13Suites) {
		JsseProvider asked = options.provider();
		if (asked == JDK || asked == OPENSSL) {
			return JDK;
		}
		String problem = !Conscrypts.isAvailable() ? Conscrypts.unavailability()
				: Conscrypts.tls13Problem(options, tls13Suites);
		if (problem == null) {
			return CONSCRYPT;
		}
		if (asked == AUTO) {
			logger.log(System.Logger.Level.INFO, () -> "TLS provider 'auto' chose the JDK: " + problem);
			return JDK;
		}
		boolean suites = Conscrypts.isAvailable();
		throw new TlsConfigurationException(suites ? "ciphersuites" : "provider", null, problem + ".",
				suites ? "Leave 'ciphersuites' unset, or set 'provider' to 'jdk' or 'auto'."
						: "Add org.conscrypt:conscrypt-openjdk-uber for this platform, or set 'provider' to 'jdk' "
								+ "or 'auto'.");
	}

	/** An SSLContext of this (resolved) provider, not yet initialised. */
	SSLContext newContext() throws GeneralSecurityException {
		return (this == CONSCRYPT) ? SSLContext.getInstance("TLS", Conscrypts.provider())
				: SSLContext.getInstance("TLS");
	}

	/**
	 * What this (resolved) provider supports and enables by default, asked once per provider: the answer does not
	 * depend on any context's material, and a provider only answers once initialised (with no material, cheaply).
	 */
	SSLContext probe() {
		return (this == CONSCRYPT) ? Conscrypts.probe() : JdkProbe.CONTEXT;
	}

	/**
	 * Whether {@code groups} can be set on this provider's sockets and engines with a per-socket API: JDK 20's
	 * {@code SSLParameters.setNamedGroups} (which Conscrypt reads too), or Conscrypt's own for sockets.
	 */
	boolean setsGroups() {
		return this == CONSCRYPT || TlsParameters.NAMED_GROUPS_API;
	}

	/** The groups of {@code wanted} this provider implements, for a default that must not fail anywhere. */
	List<NamedGroups.Group> implemented(List<NamedGroups.Group> wanted) {
		return (this == CONSCRYPT) ? wanted.stream().filter(Conscrypts::hasGroup).toList() : wanted;
	}

	/**
	 * What a socket of this provider needs before its handshake, beyond its SSLParameters: Conscrypt issues and
	 * accepts TLS 1.3 session tickets only when told per socket, and takes groups per socket on JDK 17.
	 */
	void prepare(SSLSocket socket, List<String> jsseGroups) {
		if (this == CONSCRYPT) {
			Conscrypts.prepare(socket, jsseGroups);
		}
	}

	/**
	 * The suites to name in {@code setEnabledCipherSuites}: Conscrypt's TLS 1.3 suites are fixed, and a list that
	 * names them but no TLS 1.2 suite leaves BoringSSL without a cipher list (an internal_error alert), so Conscrypt
	 * gets only the others, or {@code null} (its own list, unused without TLS 1.2) when none is left.
	 */
	String[] suitesToName(String[] suites) {
		if (this != CONSCRYPT) {
			return suites.clone();
		}
		String[] named = Arrays.stream(suites).filter((suite) -> !Conscrypts.TLS13_SUITES.contains(suite))
			.toArray(String[]::new);
		return Arrays.stream(named).allMatch((suite) -> suite.endsWith("_SCSV")) ? null : named;
	}

	/** Whether sockets need {@link #prepare(SSLSocket, List)}, also those a server socket accepts. */
	boolean preparesSockets() {
		return this == CONSCRYPT;
	}

	/** As {@link #prepare(SSLSocket, List)}, for engines (Conscrypt 2.9 takes no groups per engine on JDK 17). */
	void prepare(SSLEngine engine) {
		if (this == CONSCRYPT) {
			Conscrypts.prepare(engine);
		}
	}

	/** A context of this provider with no key and a trust manager that trusts nothing, only to ask it questions. */
	SSLContext initialisedForProbing() {
		try {
			SSLContext context = newContext();
			context.init(new KeyManager[0], new TrustManager[] { NoTrust.INSTANCE }, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The TLS provider " + this + " is not usable", ex);
		}
	}

	/** The JDK's context, probed once. */
	private static final class JdkProbe {

		static final SSLContext CONTEXT = JDK.initialisedForProbing();

	}

	/** Trusts nothing; only there so that probing a provider does not load the JDK's default trust store. */
	private enum NoTrust implements X509TrustManager {

		INSTANCE;

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			throw new CertificateException("not for handshakes");
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			throw new CertificateException("not for handshakes");
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
