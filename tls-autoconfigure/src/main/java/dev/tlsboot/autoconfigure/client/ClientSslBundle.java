package dev.tlsboot.autoconfigure.client;

import java.util.function.Function;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;

import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.core.TlsContext;

/**
 * The SSL bundle TLS Boot gives Spring Boot's HTTP clients when none is configured: the client context's key and
 * trust from its bridged bundle ({@code tls-<name>}), and as SSLContext {@link ClientTls#sslContext()}, which routes
 * by host when {@code tls.client.routes} is set. Clients that take the SSLContext (the JDK HttpClient,
 * HttpURLConnection, Apache HttpClient, Jetty) get every option of the routed context; those built from the managers
 * (Reactor Netty) get the routed context's key and trust manager ({@link RoutingManagers}).
 * <p>
 * Its {@link #getOptions() options} are left unspecified on purpose: the SSLContext already applies the routed
 * context's protocols and suites to every socket and engine, and a client given them again would apply the client
 * context's to every host (the JDK HttpClient), refuse them (HttpURLConnection), or fail on JSSE suite names
 * (Reactor Netty on OpenSSL). Without protocols in its parameters the JDK HttpClient offers no HTTP/2, so RestClient
 * and RestTemplate on it speak HTTP/1.1 ({@link ClientTls#configure} shows the price of HTTP/2 there).
 */
final class ClientSslBundle implements SslBundle {

	private final SslBundle bridged;

	private final SslManagerBundle managers;

	private final ClientTls tls;

	/**
	 * @param bridgedOf a context's bridged bundle, {@code tls-<name>}
	 * @param tls the clients' TLS
	 */
	ClientSslBundle(Function<TlsContext, SslBundle> bridgedOf, ClientTls tls) {
		this.bridged = bridgedOf.apply(tls.context());
		this.tls = tls;
		this.managers = tls.routes().isEmpty() ? managers(this.bridged.getManagers(), tls)
				: RoutingManagers.of(tls, (context) -> bridgedOf.apply(context).getManagers());
	}

	/** The client context's managers, with the clients' SSLContext. */
	private static SslManagerBundle managers(SslManagerBundle managers, ClientTls tls) {
		return new SslManagerBundle() {

			@Override
			public KeyManagerFactory getKeyManagerFactory() {
				return managers.getKeyManagerFactory();
			}

			@Override
			public TrustManagerFactory getTrustManagerFactory() {
				return managers.getTrustManagerFactory();
			}

			@Override
			public SSLContext createSslContext(String protocol) {
				return tls.sslContext();
			}

		};
	}

	/** The name of the bundle the SSL bundle bridge registered for {@code context}. */
	static String bridgedName(TlsContext context) {
		return TlsContexts.bundleName(context.name());
	}

	@Override
	public SslStoreBundle getStores() {
		return this.bridged.getStores();
	}

	@Override
	public SslBundleKey getKey() {
		return this.bridged.getKey();
	}

	@Override
	public SslOptions getOptions() {
		return SslOptions.NONE;
	}

	@Override
	public String getProtocol() {
		return this.bridged.getProtocol();
	}

	@Override
	public SslManagerBundle getManagers() {
		return this.managers;
	}

	@Override
	public SSLContext createSslContext() {
		return this.tls.sslContext();
	}

	@Override
	public String toString() {
		return "SslBundle of the HTTP clients, from " + this.bridged;
	}

}
