package dev.tlsboot.core.acme;

import java.net.http.HttpClient;

import javax.net.ssl.SSLContext;

import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * acme4j's provider for a plain directory URL, reaching the CA through a TLS Boot context: its trust, so that a
 * private ACME CA is trusted through {@code client-context}, its protocols and its host check.
 */
final class ContextAcmeProvider extends GenericAcmeProvider {

	private final SSLContext sslContext;

	ContextAcmeProvider(SSLContext sslContext) {
		this.sslContext = sslContext;
	}

	@Override
	public HttpClient createHttpClient(NetworkSettings settings) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.sslContext(this.sslContext)
			.connectTimeout(settings.getTimeout())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.proxy(settings.getProxySelector());
		if (settings.getAuthenticator() != null) {
			builder.authenticator(settings.getAuthenticator());
		}
		return builder.build();
	}

}
