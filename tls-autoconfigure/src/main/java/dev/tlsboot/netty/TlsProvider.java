package dev.tlsboot.netty;

/**
 * Which TLS implementation Netty channels use ({@code tls.provider}).
 * <p>
 * {@link #JDK} is the JDK's own TLS, driven through the {@link dev.tlsboot.core.TlsContext}'s SSLContext.
 * {@link #OPENSSL} is BoringSSL through {@code io.netty:netty-tcnative-boringssl-static}, fed the same key, trust
 * manager, protocols, suites and ALPN. {@link #AUTO} picks OpenSSL when tcnative is on the classpath and loads on
 * this platform, else the JDK, and logs its choice once; a context whose options BoringSSL cannot honour (TLS 1.3
 * suites left out) gets the JDK under {@code AUTO} and an error under {@code OPENSSL}.
 */
public enum TlsProvider {

	/** The JDK's TLS (SunJSSE). */
	JDK,

	/** OpenSSL (BoringSSL) through netty-tcnative. */
	OPENSSL,

	/** OpenSSL when available, else the JDK. */
	AUTO;

	/**
	 * The implementation this choice means here: {@link #AUTO} resolved, the others as they are.
	 * @return {@link #JDK} or {@link #OPENSSL}
	 * @throws IllegalStateException for {@link #OPENSSL} when netty-tcnative cannot be loaded, saying why
	 */
	public TlsProvider resolve() {
		return switch (this) {
			case JDK -> JDK;
			case OPENSSL -> {
				TlsProviders.requireOpenSsl();
				yield OPENSSL;
			}
			case AUTO -> TlsProviders.auto();
		};
	}

	/**
	 * The implementation's name and version, as {@code tls::version} tells it: for example
	 * {@code "BoringSSL (netty-tcnative 2.0.84.Final)"} or {@code "SunJSSE 17"}.
	 * @return the version text of the {@link #resolve() resolved} implementation
	 */
	public String version() {
		return TlsProviders.version(resolve());
	}

}
