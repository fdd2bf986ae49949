package dev.tlsboot.netty;

import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSessionContext;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.internal.ManagerFactories;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.option.TlsRole;

/**
 * Builds the provider-specific Netty {@link SslContext} that {@link NettySslContext} wraps, from everything a
 * {@link TlsContext} says.
 */
final class ProviderContexts {

	private ProviderContexts() {
	}

	/**
	 * The JDK provider drives the context's own SSLContext, whose engines already carry every option. Netty sets
	 * protocols, suites and client authentication on each engine again (to the same values), and needs the ALPN
	 * configuration to tell its handlers which protocol was negotiated.
	 */
	static SslContext jdk(TlsContext context, TlsRole role, List<String> alpn) {
		return new JdkSslContext(context.sslContext(), role == TlsRole.CLIENT, context.cipherSuites(),
				IdentityCipherSuiteFilter.INSTANCE, alpn(alpn), clientAuth(context.options()),
				context.protocols().toArray(String[]::new), false);
	}

	/**
	 * OpenSSL gets the context's own key manager (so a reloaded certificate, and certificates served by SNI, reach
	 * it too) and trust manager (so security level and verify results match the JDK path), protocols, suites (Netty
	 * translates JSSE names; a suite OpenSSL lacks is left out), ALPN, client authentication and the session cache
	 * settings of the context's SSLContext, and its {@code groups} (unset, Netty's BoringSSL default is TLS Boot's
	 * too: X25519MLKEM768 first). OpenSSL's copy of each key is cached by alias, and a reloaded key has a new alias.
	 */
	static SslContext openSsl(TlsContext context, TlsRole role, List<String> alpn) {
		KeyManagerFactory keys = new OpenSslCachingX509KeyManagerFactory(
				ManagerFactories.keyManagers(context.keyManager()));
		SslContextBuilder builder;
		SSLSessionContext sessions;
		if (role == TlsRole.SERVER) {
			builder = SslContextBuilder.forServer(keys).clientAuth(clientAuth(context.options()))
				.enableOcsp(stapling(context));
			sessions = context.sslContext().getServerSessionContext();
		}
		else {
			// A client that checks revocation asks for the server's staple, which the trust manager then reads.
			builder = SslContextBuilder.forClient().keyManager(keys)
				.enableOcsp(context.options().checksRevocation() && OpenSsl.isOcspSupported());
			sessions = context.sslContext().getClientSessionContext();
		}
		builder.sslProvider(SslProvider.OPENSSL)
			.trustManager(context.trustManager())
			.protocols(context.protocols())
			.ciphers(context.cipherSuites(), SupportedCipherSuiteFilter.INSTANCE)
			.applicationProtocolConfig(alpn(alpn))
			.sessionCacheSize(sessions.getSessionCacheSize())
			.sessionTimeout(sessions.getSessionTimeout());
		List<String> groups = context.options().groups();
		if (!groups.isEmpty()) {
			builder.option(OpenSslContextOption.GROUPS, groups.toArray(String[]::new));
		}
		try {
			return builder.build();
		}
		catch (SSLException ex) {
			if (!groups.isEmpty() && String.valueOf(ex.getMessage()).contains("groups")) {
				throw new TlsConfigurationException(TlsOption.GROUPS, null, OpenSsl.versionString() + " (netty-tcnative) "
						+ "cannot use the groups " + groups + " of context '" + context.name() + "'.",
						"Name groups it has, e.g. 'X25519MLKEM768:X25519:P-256:P-384', or set 'provider' to "
								+ "'conscrypt' or 'jdk'.", ex);
			}
			throw refused(context, ex);
		}
		catch (RuntimeException ex) {
			throw refused(context, ex);
		}
	}

	/** Whether the server staples; refused when it asks and netty-tcnative cannot. */
	private static boolean stapling(TlsContext context) {
		if (context.options().ocspStapling() && !OpenSsl.isOcspSupported()) {
			throw new TlsConfigurationException(TlsOption.OCSP_STAPLING, null, OpenSsl.versionString()
					+ " (netty-tcnative) cannot staple OCSP responses for context '" + context.name() + "'.",
					"Set 'provider' to 'jdk', or turn 'ocsp-stapling' off.");
		}
		return context.options().ocspStapling();
	}

	private static TlsConfigurationException refused(TlsContext context, Exception ex) {
		return new TlsConfigurationException(TlsOption.PROVIDER, null,
				"OpenSSL refused the settings of context '" + context.name() + "': " + ex.getMessage() + ".",
				"Check 'cipher', 'ciphersuites' and the protocols, or set 'provider' to 'jdk'.", ex);
	}

	/**
	 * {@code NO_ADVERTISE} and {@code ACCEPT} are the only behaviours OpenSSL supports; the JDK path uses the same
	 * so that a client and a server without a protocol in common go on without ALPN on either provider.
	 */
	private static ApplicationProtocolConfig alpn(List<String> protocols) {
		if (protocols.isEmpty()) {
			return ApplicationProtocolConfig.DISABLED;
		}
		return new ApplicationProtocolConfig(Protocol.ALPN, SelectorFailureBehavior.NO_ADVERTISE,
				SelectedListenerFailureBehavior.ACCEPT, protocols);
	}


	private static ClientAuth clientAuth(TlsOptions options) {
		if (options.require(TlsRole.SERVER)) {
			return ClientAuth.REQUIRE;
		}
		return options.request(TlsRole.SERVER) ? ClientAuth.OPTIONAL : ClientAuth.NONE;
	}

}
