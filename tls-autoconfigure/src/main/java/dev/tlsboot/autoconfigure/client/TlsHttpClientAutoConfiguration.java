package dev.tlsboot.autoconfigure.client;

import java.net.http.HttpClient;

import io.netty.handler.ssl.SslContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Scope;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.TlsProperties;
import dev.tlsboot.autoconfigure.TlsSslBundleAutoConfiguration;

/**
 * Auto-configuration of the HTTP clients' TLS ({@code tls.client.*}): Spring Boot's {@link HttpClientSettings} get
 * the client context as their SSL bundle when none is configured, so RestClient, RestTemplate and WebClient use it
 * with whichever library they run on; on Reactor Netty, WebClient, RestClient and RestTemplate are secured with ALPN,
 * routes and a session cache that reloads empty as well; and a
 * prototype {@link HttpClient.Builder} bean hands out JDK HttpClient builders with the same TLS.
 * <p>
 * To keep TLS Boot out of the HTTP clients, set {@code spring.http.clients.ssl.bundle} to another bundle, or exclude
 * this auto-configuration.
 */
@AutoConfiguration(after = { TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class },
		beforeName = "org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration")
public final class TlsHttpClientAutoConfiguration {

	@Bean
	ClientTls tlsClient(TlsContexts contexts, TlsProperties properties) {
		return ClientTls.of(contexts, properties.getClient());
	}

	/** A JDK HttpClient builder with the clients' TLS; a new one for each injection point. */
	@Bean
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean
	HttpClient.Builder tlsHttpClientBuilder(ClientTls tls) {
		return tls.configure(HttpClient.newBuilder());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HttpClientSettings.class)
	static class HttpClientSettingsConfiguration {

		@Bean
		static HttpClientSettingsTlsPostProcessor httpClientSettingsTlsPostProcessor(ObjectProvider<ClientTls> tls,
				ObjectProvider<SslBundles> bundles) {
			return new HttpClientSettingsTlsPostProcessor(tls, bundles);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(value = { ReactorClientHttpConnector.class, ReactorClientHttpConnectorBuilder.class,
			SslContext.class }, name = "reactor.netty.http.client.HttpClient")
	static class ReactorNettyConfiguration {

		@Bean
		ReactorNettyClientTls reactorNettyClientTls(ClientTls tls) {
			return new ReactorNettyClientTls(tls);
		}

		/** As Spring Boot's own connector, with the client context applied on Reactor Netty. */
		@Bean
		@Lazy
		@ConditionalOnMissingBean
		ClientHttpConnector clientHttpConnector(ResourceLoader resourceLoader,
				ObjectProvider<ClientHttpConnectorBuilder<?>> builder, ObjectProvider<HttpClientSettings> settings,
				ReactorNettyClientTls tls) {
			return tls.connector(
					builder.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader())),
					settings.getIfAvailable(HttpClientSettings::defaults));
		}

		/** RestClient and RestTemplate on Reactor Netty, with the client context applied as for WebClient. */
		@Bean
		static ReactorRequestFactoryTlsPostProcessor reactorRequestFactoryTlsPostProcessor(
				ObjectProvider<ReactorNettyClientTls> tls) {
			return new ReactorRequestFactoryTlsPostProcessor(tls);
		}

	}

}
