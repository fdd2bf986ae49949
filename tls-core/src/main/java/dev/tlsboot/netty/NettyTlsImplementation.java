package dev.tlsboot.netty;

import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsImplementation;

/**
 * Which TLS implementation Netty channels use, as a context's {@code provider} option asks
 * ({@link #of(TlsImplementation)}) or as given to {@link NettySslContext} and {@link ReactorNettyTls} directly.
 * <p>
 * {@link #JDK} is Netty's JDK provider, driving the {@link dev.tlsboot.core.TlsContext}'s own SSLContext: the JDK's
 * TLS, or Conscrypt's when the context runs on it. {@link #OPENSSL} is BoringSSL through
 * {@code io.netty:netty-tcnative-boringssl-static}, fed the same key, trust manager, protocols, suites and ALPN.
 * {@link #AUTO} picks OpenSSL when tcnative is on the classpath and loads on this platform, else the JDK provider, and
 * logs its choice once; a context whose options BoringSSL cannot honour (TLS 1.3 suites left out) gets the JDK
 * provider under {@code AUTO} and an error under {@code OPENSSL}.
 */
public enum NettyTlsImplementation {

	/** Netty's JDK provider: the context's SSLContext (SunJSSE, or Conscrypt). */
	JDK,

	/** OpenSSL (BoringSSL) through netty-tcnative. */
	OPENSSL,

	/** OpenSSL when available, else the JDK provider. */
	AUTO;

	/**
	 * What a context's {@code provider} option asks of Netty channels: {@code openssl} OpenSSL, {@code auto} the
	 * fastest available, {@code jdk} and {@code conscrypt} the context's SSLContext (which is Conscrypt's for the
	 * latter).
	 * @param option the {@code provider} option
	 * @return the Netty implementation, not yet resolved
	 */
	public static NettyTlsImplementation of(TlsImplementation option) {
		return switch (option) {
			case JDK, CONSCRYPT -> JDK;
			case OPENSSL -> OPENSSL;
			case AUTO -> AUTO;
		};
	}

	/**
	 * The implementation a context's Netty channels get by its own {@code provider} option, as {@code tls::version}
	 * tells it: for example {@code "BoringSSL (netty-tcnative 2.0.84.Final)"}, {@code "Conscrypt 2.9.0 (BoringSSL)"}
	 * or {@code "SunJSSE 17"}.
	 * @param context the TLS context
	 * @return the version text of the implementation chosen for it
	 * @throws TlsConfigurationException for option {@code provider} when it is {@code openssl} and netty-tcnative
	 * cannot be loaded, or for {@code ciphersuites} when BoringSSL cannot honour them
	 */
	public static String version(TlsContext context) {
		NettyTlsImplementation resolved = NettyTlsImplementations.resolve(of(context.options().provider()), context);
		return (resolved == OPENSSL) ? OPENSSL.version() : context.providerVersion();
	}

	/**
	 * The implementation this choice means here: {@link #AUTO} resolved, the others as they are.
	 * @return {@link #JDK} or {@link #OPENSSL}
	 * @throws TlsConfigurationException for option {@code provider} when {@link #OPENSSL} cannot be loaded, saying
	 * why
	 */
	public NettyTlsImplementation resolve() {
		return switch (this) {
			case JDK -> JDK;
			case OPENSSL -> {
				NettyTlsImplementations.requireOpenSsl();
				yield OPENSSL;
			}
			case AUTO -> NettyTlsImplementations.auto();
		};
	}

	/**
	 * The implementation's name and version, as {@code tls::version} tells it: for example
	 * {@code "BoringSSL (netty-tcnative 2.0.84.Final)"} or {@code "SunJSSE 17"}.
	 * @return the version text of the {@link #resolve() resolved} implementation, the JDK's for {@link #JDK}
	 */
	public String version() {
		return NettyTlsImplementations.version(resolve());
	}

}
