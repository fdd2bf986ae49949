package dev.tlsboot.core;

import org.jspecify.annotations.Nullable;

/**
 * The {@code provider} option: the TLS implementation a {@link TlsContext}'s connections run on. Everything the context
 * hands out (sockets, server sockets, engines, its SSLContext) runs on the implementation chosen for its SSLContext, so
 * blocking sockets, Tomcat, Jetty, the JDK HttpClient and Netty's JDK provider all get its speed.
 * <p>
 * One option serves every consumer, each getting the implementation it can use: SSLContext consumers get the JDK for
 * {@link #JDK} and {@link #OPENSSL}, Conscrypt for {@link #CONSCRYPT}, and Conscrypt if it loads, else the JDK, for
 * {@link #AUTO}; Netty channels ({@code dev.tlsboot.netty.NettyTlsImplementation#of}) get OpenSSL for
 * {@link #OPENSSL}, OpenSSL if it loads for {@link #AUTO}, and the context's SSLContext otherwise.
 * {@link TlsContext#provider()} is always {@link #JDK} or {@link #CONSCRYPT}.
 * <p>
 * {@link #CONSCRYPT} is Google's Conscrypt ({@code org.conscrypt:conscrypt-openjdk-uber}, BoringSSL inside): a new
 * instance of its provider per JVM, handed to {@code SSLContext.getInstance} and never registered as a JCA
 * provider, so nothing else in the process changes. Options, host name checks, SNI, ALPN, the security level,
 * validators, the connection registry and reload behave as on the JDK. What Conscrypt cannot do: leave out any of
 * its three TLS 1.3 suites ({@code ciphersuites}), and skip SNI for a host name when {@code autoservername} is off.
 */
public enum TlsImplementation {

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

	/**
	 * Whether this implementation can be used for an SSLContext in this JVM: always for {@link #JDK}, {@link #OPENSSL}
	 * and {@link #AUTO}; for {@link #CONSCRYPT} when its jar is on the classpath and its native library loads on this
	 * platform.
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
		boolean conscrypt = this == CONSCRYPT || (this == AUTO && Conscrypts.isAvailable());
		return (conscrypt ? JsseImplementation.CONSCRYPT : JsseImplementation.JDK).version();
	}

}
