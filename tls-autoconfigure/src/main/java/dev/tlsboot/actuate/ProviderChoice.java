package dev.tlsboot.actuate;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.netty.NettyTlsImplementation;

/**
 * What a context's {@code provider} option chose for each kind of consumer, as {@code tls::version} names it.
 *
 * @param option the option as set: {@code jdk}, {@code openssl}, {@code conscrypt} or {@code auto}
 * @param sslContext the implementation of the context's SSLContext (sockets, Tomcat, Jetty, the JDK HttpClient), e.g.
 * {@code Conscrypt 2.9.0 (BoringSSL)}
 * @param netty the implementation of its Netty channels, e.g. {@code BoringSSL (netty-tcnative 2.0.84.Final)}; why
 * there is none when {@code openssl} cannot be used; {@code null} without Netty on the class path
 */
public record ProviderChoice(String option, String sslContext, @Nullable String netty) {

	private static final boolean NETTY = ClassUtils.isPresent("io.netty.handler.ssl.OpenSsl",
			ProviderChoice.class.getClassLoader());

	/**
	 * Describe the choices made for a context.
	 * @param context the context
	 * @return its choices
	 */
	public static ProviderChoice of(TlsContext context) {
		return new ProviderChoice(context.options().provider().name().toLowerCase(Locale.ROOT),
				context.providerVersion(), NETTY ? Netty.version(context) : null);
	}

	/** Kept apart so that nothing of Netty is loaded when it is absent. */
	private static final class Netty {

		static String version(TlsContext context) {
			try {
				return NettyTlsImplementation.version(context);
			}
			catch (TlsConfigurationException ex) {
				return "unavailable: " + ex.problem();
			}
		}

	}

}
