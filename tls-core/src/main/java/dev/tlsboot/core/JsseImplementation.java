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
 * The JSSE implementation a context's SSLContext runs on, {@code provider} resolved: the JDK's or Conscrypt's. This is
 * the only place that knows what differs between them.
 */
enum JsseImplementation {

	/** SunJSSE, for {@code jdk} and {@code openssl}, and for {@code auto} where Conscrypt cannot serve. */
	JDK(TlsImplementation.JDK),

	/** Conscrypt (BoringSSL), for {@code conscrypt}, and for {@code auto} where it loads and serves the options. */
	CONSCRYPT(TlsImplementation.CONSCRYPT);

	private static final System.Logger logger = System.getLogger(TlsImplementation.class.getName());

	private final TlsImplementation option;

	JsseImplementation(TlsImplementation option) {
		this.option = option;
	}

	/**
	 * The implementation a context with {@code options} runs on: {@code auto} resolved, the others checked.
	 * @param tls13Suites the TLS 1.3 suites the options select, after the security level
	 * @throws TlsConfigurationException for option {@code provider} when Conscrypt was asked for by name and cannot
	 * be loaded, or for {@code ciphersuites} when it cannot honour them
	 */
	static JsseImplementation resolve(TlsOptions options, List<String> tls13Suites) {
		TlsImplementation asked = options.provider();
		if (asked == TlsImplementation.JDK || asked == TlsImplementation.OPENSSL) {
			return JDK;
		}
		String problem = !Conscrypts.isAvailable() ? Conscrypts.unavailability()
				: Conscrypts.tls13Problem(options, tls13Suites);
		if (problem == null) {
			return CONSCRYPT;
		}
		if (asked == TlsImplementation.AUTO) {
			logger.log(System.Logger.Level.INFO, () -> "TLS provider 'auto' chose the JDK: " + problem);
			return JDK;
		}
		boolean suites = Conscrypts.isAvailable();
		throw new TlsConfigurationException(suites ? "ciphersuites" : "provider", null, problem + ".",
				suites ? "Leave 'ciphersuites' unset, or set 'provider' to 'jdk' or 'auto'."
						: "Add org.conscrypt:conscrypt-openjdk-uber for this platform, or set 'provider' to 'jdk' "
								+ "or 'auto'.");
	}

	/** The option's value that names this implementation, as {@link TlsContext#provider()} reports it. */
	TlsImplementation option() {
		return this.option;
	}

	/** The implementation's name and version as {@code tls::version} tells it. */
	String version() {
		if (this == CONSCRYPT) {
			return Conscrypts.version();
		}
		Provider jdk = probe().getProvider();
		return jdk.getName() + " " + jdk.getVersionStr();
	}

	/** An SSLContext of this implementation, not yet initialised. */
	SSLContext newContext() throws GeneralSecurityException {
		return (this == CONSCRYPT) ? SSLContext.getInstance("TLS", Conscrypts.provider())
				: SSLContext.getInstance("TLS");
	}

	/**
	 * What this implementation supports and enables by default, asked once per implementation: the answer does not
	 * depend on any context's material, and a provider only answers once initialised (with no material, cheaply).
	 */
	SSLContext probe() {
		return (this == CONSCRYPT) ? Conscrypts.probe() : JdkProbe.CONTEXT;
	}

	/**
	 * Whether {@code groups} can be set on this implementation's sockets and engines with a per-socket API: JDK 20's
	 * {@code SSLParameters.setNamedGroups} (which Conscrypt reads too), or Conscrypt's own for sockets.
	 */
	boolean setsGroups() {
		return this == CONSCRYPT || TlsParameters.NAMED_GROUPS_API;
	}

	/** The groups of {@code wanted} this implementation has, for a default that must not fail anywhere. */
	List<NamedGroups.Group> implemented(List<NamedGroups.Group> wanted) {
		return (this == CONSCRYPT) ? wanted.stream().filter(Conscrypts::hasGroup).toList() : wanted;
	}

	/**
	 * What a socket of this implementation needs before its handshake, beyond its SSLParameters: Conscrypt issues and
	 * accepts TLS 1.3 session tickets only when told per socket, and takes groups per socket on JDK 17.
	 */
	void prepare(SSLSocket socket, List<String> jsseGroups) {
		if (this == CONSCRYPT) {
			Conscrypts.prepare(socket, jsseGroups);
		}
	}

	/** As {@link #prepare(SSLSocket, List)}, for engines (Conscrypt 2.9 takes no groups per engine on JDK 17). */
	void prepare(SSLEngine engine) {
		if (this == CONSCRYPT) {
			Conscrypts.prepare(engine);
		}
	}

	/** Whether sockets need {@link #prepare(SSLSocket, List)}, also those a server socket accepts. */
	boolean preparesSockets() {
		return this == CONSCRYPT;
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

	/** A context of this implementation without a key, trusting nothing: only to ask it questions. */
	SSLContext initialisedForProbing() {
		try {
			SSLContext context = newContext();
			context.init(new KeyManager[0], new TrustManager[] { NoTrust.INSTANCE }, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The TLS provider " + this.option + " is not usable", ex);
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
