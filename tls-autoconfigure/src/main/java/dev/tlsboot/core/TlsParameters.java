package dev.tlsboot.core;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import dev.tlsboot.core.cipher.CipherSelection;
import dev.tlsboot.core.cipher.OpenSslCipherString;
import dev.tlsboot.core.cipher.Tls13Suites;
import dev.tlsboot.core.policy.SecurityLevel;

/**
 * The {@link SSLParameters} that a context's options mean, worked out once when the context is built: protocols,
 * cipher suites after the security level, ALPN, client authentication, host name checks and SNI.
 */
final class TlsParameters {

	private static final String RENEGOTIATION_INFO_SCSV = "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";

	private final TlsOptions options;

	private final String[] protocols;

	private final String[] cipherSuites;

	private final SecurityLevel securityLevel;

	TlsParameters(TlsOptions options) {
		this.options = options;
		SSLParameters supported = Provider.CONTEXT.getSupportedSSLParameters();
		List<String> supportedSuites = Arrays.asList(supported.getCipherSuites());
		List<String> defaultSuites = Arrays.asList(Provider.CONTEXT.getDefaultSSLParameters().getCipherSuites());
		List<String> legacySuites;
		SecurityLevel level = SecurityLevel.of(options.securityLevel());
		if (options.cipher() != null) {
			CipherSelection selection = OpenSslCipherString.select(options.cipher(), supportedSuites);
			legacySuites = selection.suites();
			if (selection.securityLevel().isPresent()) {
				level = SecurityLevel.of(selection.securityLevel().getAsInt());
			}
		}
		else {
			legacySuites = defaultSuites.stream().filter((suite) -> !isTls13(suite)).toList();
		}
		List<String> tls13Suites = (options.ciphersuites() != null)
				? Tls13Suites.select(options.ciphersuites(), supportedSuites)
				: defaultSuites.stream().filter(TlsParameters::isTls13).toList();
		this.securityLevel = level;
		this.protocols = protocols(options, Arrays.asList(supported.getProtocols()));
		// A suite of a protocol that is off would only lengthen the ClientHello.
		List<String> suites = new ArrayList<>();
		if (options.enabled(TlsProtocol.TLS1_3)) {
			suites.addAll(level.filterSuites(tls13Suites));
		}
		if (options.protocols().stream().anyMatch((protocol) -> protocol != TlsProtocol.TLS1_3)) {
			suites.addAll(level.filterSuites(legacySuites));
		}
		if (supportedSuites.contains(RENEGOTIATION_INFO_SCSV) && !suites.contains(RENEGOTIATION_INFO_SCSV)) {
			suites.add(RENEGOTIATION_INFO_SCSV);
		}
		this.cipherSuites = suites.toArray(String[]::new);
	}

	/** TLS 1.3 suites have no key exchange or authentication in their names. */
	private static boolean isTls13(String suite) {
		return suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
	}

	private static String[] protocols(TlsOptions options, List<String> supported) {
		List<String> protocols = options.protocols().stream().map(TlsProtocol::jsseName).filter(supported::contains)
				.toList();
		if (protocols.isEmpty()) {
			throw new TlsConfigurationException("tls1.2", null,
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
		SSLParameters parameters = new SSLParameters(this.cipherSuites.clone(), this.protocols.clone());
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
		return parameters;
	}

	/**
	 * Parameters for a client connecting to {@code host}: the defaults plus SNI, which is {@code servername} when set,
	 * else the host when {@code autoservername} is on and the host is a name, not an IP literal.
	 * @param host the host connected to, or {@code null} when not known
	 */
	SSLParameters client(String host) {
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
	String serverName(String host) {
		if (this.options.servername() != null) {
			return this.options.servername();
		}
		if (this.options.autoservername() && host != null && !HostNames.isIpLiteral(host)) {
			return host;
		}
		return null;
	}

	/**
	 * What the JDK's TLS provider supports and enables by default, asked once: the answer does not depend on any
	 * context's material, and the provider only answers once initialised (with no material, which is cheap).
	 */
	private static final class Provider {

		static final SSLContext CONTEXT = probe();

		private static SSLContext probe() {
			try {
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(new KeyManager[0], new TrustManager[] { NoTrust.INSTANCE }, null);
				return context;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("The JDK's TLS provider is not usable", ex);
			}
		}

	}

	/** Trusts nothing; only there so that probing the provider does not load the JDK's default trust store. */
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
