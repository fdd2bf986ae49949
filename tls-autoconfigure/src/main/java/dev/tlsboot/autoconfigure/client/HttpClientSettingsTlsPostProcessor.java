package dev.tlsboot.autoconfigure.client;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.ssl.SslBundles;

/**
 * Gives Spring Boot's {@link HttpClientSettings} TLS Boot's {@link ClientSslBundle} when they carry no bundle, so that
 * whatever builds a client from them (RestClient, RestTemplate, WebClient's connector, with whichever library) uses
 * the client context. A bundle chosen through Spring Boot ({@code spring.http.clients.ssl.bundle},
 * {@code RestClientSsl}, {@code WebClientSsl}) is left alone, and so are those settings.
 * <p>
 * Settings given TLS Boot's bundle also get the client context's {@code handshake-timeout} as their connect timeout
 * when they have none ({@code spring.http.clients.connect-timeout} wins): the JDK HttpClient's connect timeout is all
 * that bounds its handshake. Other libraries apply it to the TCP connection at least.
 */
final class HttpClientSettingsTlsPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<ClientTls> tls;

	private final ObjectProvider<SslBundles> bundles;

	HttpClientSettingsTlsPostProcessor(ObjectProvider<ClientTls> tls, ObjectProvider<SslBundles> bundles) {
		this.tls = tls;
		this.bundles = bundles;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HttpClientSettings settings && settings.sslBundle() == null) {
			SslBundles bundles = this.bundles.getObject();
			ClientTls tls = this.tls.getObject();
			HttpClientSettings secured = settings.withSslBundle(
					new ClientSslBundle((context) -> bundles.getBundle(ClientSslBundle.bridgedName(context)), tls));
			return (settings.connectTimeout() != null) ? secured : secured.withConnectTimeout(tls.handshakeTimeout());
		}
		return bean;
	}

}
