package dev.tlsboot.autoconfigure.client;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.springframework.boot.ssl.SslManagerBundle;

import dev.tlsboot.core.internal.ManagerFactories;
import dev.tlsboot.core.TlsContext;

/**
 * Key and trust managers that act, for each connection, as those of the context its peer's host routes to, for
 * clients built from managers rather than an SSLContext (Spring Boot's Reactor Netty clients). The host is the
 * engine's or the socket's peer host; where there is none, the client context decides.
 */
final class RoutingManagers {

	private RoutingManagers() {
	}

	/**
	 * @param tls the clients' TLS, with its routes
	 * @param managersOf the managers of one context (its bridged bundle's)
	 * @return managers whose {@link SslManagerBundle#createSslContext} hands out the clients' SSLContext
	 */
	static SslManagerBundle of(ClientTls tls, Function<TlsContext, SslManagerBundle> managersOf) {
		Map<String, X509ExtendedKeyManager> keys = new LinkedHashMap<>();
		keys.put(tls.context().name(), keyManager(managersOf.apply(tls.context())));
		tls.routes().values().forEach((context) -> keys.put(context.name(), keyManager(managersOf.apply(context))));
		KeyManagerFactory keyManagers = ManagerFactories.keyManagers(new RoutingKeyManager(tls, keys));
		// Not SslManagerBundle.from(trustManager): it loads the JDK's cacerts for a default it does not use here.
		TrustManagerFactory trustManagers = ManagerFactories.trustManagers(new RoutingTrustManager(tls));
		return new SslManagerBundle() {

			@Override
			public KeyManagerFactory getKeyManagerFactory() {
				return keyManagers;
			}

			@Override
			public TrustManagerFactory getTrustManagerFactory() {
				return trustManagers;
			}

			@Override
			public SSLContext createSslContext(String protocol) {
				return tls.sslContext();
			}

		};
	}

	private static X509ExtendedKeyManager keyManager(SslManagerBundle managers) {
		return (X509ExtendedKeyManager) managers.getKeyManagerFactory().getKeyManagers()[0];
	}

	private static String hostOf(Socket socket) {
		SSLSession session = (socket instanceof SSLSocket ssl) ? ssl.getHandshakeSession() : null;
		return (session != null) ? session.getPeerHost() : null;
	}

	private static String hostOf(SSLEngine engine) {
		return (engine != null) ? engine.getPeerHost() : null;
	}

	/** Chooses the routed context's certificate; an alias is {@code <context>/<alias in its key manager>}. */
	private static final class RoutingKeyManager extends X509ExtendedKeyManager {

		private final ClientTls tls;

		private final Map<String, X509ExtendedKeyManager> byContext;

		RoutingKeyManager(ClientTls tls, Map<String, X509ExtendedKeyManager> byContext) {
			this.tls = tls;
			this.byContext = byContext;
		}

		@Override
		public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
			String name = this.tls.contextFor(hostOf(engine)).name();
			return qualified(name, this.byContext.get(name).chooseEngineClientAlias(keyTypes, issuers, engine));
		}

		@Override
		public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
			String name = this.tls.contextFor(hostOf(socket)).name();
			return qualified(name, this.byContext.get(name).chooseClientAlias(keyTypes, issuers, socket));
		}

		@Override
		public String[] getClientAliases(String keyType, Principal[] issuers) {
			return this.byContext.entrySet()
				.stream()
				.flatMap((entry) -> {
					String[] aliases = entry.getValue().getClientAliases(keyType, issuers);
					return (aliases != null) ? Arrays.stream(aliases)
						.map((alias) -> qualified(entry.getKey(), alias)) : Stream.empty();
				})
				.toArray(String[]::new);
		}

		@Override
		public String[] getServerAliases(String keyType, Principal[] issuers) {
			return null;
		}

		@Override
		public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			return null;
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			int slash = alias.indexOf('/');
			X509ExtendedKeyManager manager = (slash > 0) ? this.byContext.get(alias.substring(0, slash)) : null;
			return (manager != null) ? manager.getCertificateChain(alias.substring(slash + 1)) : null;
		}

		@Override
		public PrivateKey getPrivateKey(String alias) {
			int slash = alias.indexOf('/');
			X509ExtendedKeyManager manager = (slash > 0) ? this.byContext.get(alias.substring(0, slash)) : null;
			return (manager != null) ? manager.getPrivateKey(alias.substring(slash + 1)) : null;
		}

		private static String qualified(String context, String alias) {
			return (alias != null) ? context + "/" + alias : null;
		}

	}

	/** Verifies the server as the routed context's own trust manager does: PKIX, host name, security level. */
	private static final class RoutingTrustManager extends X509ExtendedTrustManager {

		private final ClientTls tls;

		RoutingTrustManager(ClientTls tls) {
			this.tls = tls;
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			this.tls.contextFor(hostOf(engine)).trustManager().checkServerTrusted(chain, authType, engine);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			this.tls.contextFor(hostOf(socket)).trustManager().checkServerTrusted(chain, authType, socket);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			this.tls.context().trustManager().checkServerTrusted(chain, authType);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			this.tls.context().trustManager().checkClientTrusted(chain, authType, engine);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			this.tls.context().trustManager().checkClientTrusted(chain, authType, socket);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			this.tls.context().trustManager().checkClientTrusted(chain, authType);
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return this.tls.context().trustManager().getAcceptedIssuers();
		}

	}


}
