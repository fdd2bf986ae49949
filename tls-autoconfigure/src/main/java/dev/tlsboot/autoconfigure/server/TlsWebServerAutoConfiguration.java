package dev.tlsboot.autoconfigure.server;

import java.time.Duration;
import java.util.Map;

import reactor.netty.http.server.HttpServer;

import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.TlsProperties;

/**
 * Auto-configuration of the embedded web server's TLS from {@code tls.server.*}: Tomcat, Jetty and Reactor Netty
 * serve HTTPS on {@code server.port} with the server context, client certificates as {@code tls.server.request} and
 * {@code require} say, HTTP/2 by ALPN when {@code server.http2.enabled}, and a certificate per host name by SNI
 * ({@code tls.server.sni}). Any {@code tls.server.*} property switches it on (development certificates,
 * {@code tls.dev.enabled}, offer {@code tls.server.context}), as the application starts: the customizers are always
 * there and leave the server alone without one, as Spring Boot's own for {@code server.ssl.*} do, so that an
 * application processed ahead of time (whose conditions are fixed at build time) follows the properties it runs
 * with.
 */
@AutoConfiguration(after = TlsAutoConfiguration.class)
@ConditionalOnClass(WebServerFactoryCustomizer.class)
@Import({ TlsWebServerAutoConfiguration.TomcatConfiguration.class,
		TlsWebServerAutoConfiguration.JettyConfiguration.class,
		TlsWebServerAutoConfiguration.ReactorNettyConfiguration.class })
public final class TlsWebServerAutoConfiguration {

	private static final Bindable<Map<String, Object>> ANY = Bindable.mapOf(String.class, Object.class);

	/**
	 * The server's TLS, or {@link ServerTls#NONE} when no {@code tls.server.*} property is set. Decided here, not by
	 * a condition: a condition would be evaluated once at build time under AOT, and an application built without
	 * {@code tls.server.*} would serve plain HTTP when run with it. Depends on the check so that
	 * {@code server.ssl.*} is refused before any server is made.
	 */
	@Bean
	@DependsOn("tlsServerSslCheck")
	ServerTls tlsServer(TlsProperties properties, TlsContexts contexts, Environment environment) {
		Binder binder = Binder.get(environment);
		if (!binder.bind("tls.server", ANY).isBound()) {
			return ServerTls.NONE;
		}
		boolean http2 = binder.bind("server.http2.enabled", Boolean.class).orElse(false);
		return ServerTls.of(properties.getServer(), contexts, http2);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ConfigurableTomcatWebServerFactory.class, Tomcat.class })
	static class TomcatConfiguration {

		@Bean
		TomcatTlsCustomizer tlsTomcatCustomizer(ServerTls serverTls, Environment environment,
				ObjectProvider<LoggingSystem> loggingSystem) {
			boolean connectionTimeoutSet = Binder.get(environment)
				.bind("server.tomcat.connection-timeout", Duration.class)
				.isBound();
			return new TomcatTlsCustomizer(serverTls, connectionTimeoutSet, loggingSystem);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ConfigurableJettyWebServerFactory.class, SslContextFactory.class })
	static class JettyConfiguration {

		@Bean
		JettyTlsCustomizer tlsJettyCustomizer(ServerTls serverTls) {
			return new JettyTlsCustomizer(serverTls);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ NettyReactiveWebServerFactory.class, HttpServer.class })
	static class ReactorNettyConfiguration {

		@Bean
		ReactorNettyTlsCustomizer tlsReactorNettyCustomizer(ServerTls serverTls) {
			return new ReactorNettyTlsCustomizer(serverTls);
		}

	}

}
