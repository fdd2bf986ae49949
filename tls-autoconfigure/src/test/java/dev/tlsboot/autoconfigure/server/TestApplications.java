package dev.tlsboot.autoconfigure.server;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.handler.ssl.OpenSsl;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.tlsboot.testing.WebApplications;
import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsSslBundleAutoConfiguration;


import static org.junit.jupiter.api.Assumptions.assumeTrue;
/**
 * The smallest applications on each server, answering {@code GET /} with the subject of the client's certificate
 * as the application sees it ({@code none} without one), and a way to run them on a random port of 127.0.0.1.
 */
enum TestApplications {

	TOMCAT(WebApplicationType.SERVLET, Tomcat.class),

	JETTY(WebApplicationType.SERVLET, Jetty.class),

	REACTOR_NETTY(WebApplicationType.REACTIVE, ReactorNetty.class);

	private final WebApplicationType type;

	private final Class<?> configuration;

	TestApplications(WebApplicationType type, Class<?> configuration) {
		this.type = type;
		this.configuration = configuration;
	}

	/**
	 * Run the application.
	 * @param properties its properties, besides {@code server.port=0} and {@code server.address=127.0.0.1}
	 * @return the running application
	 */
	ConfigurableApplicationContext run(Map<String, String> properties) {
		return WebApplications.run(this.configuration, this.type, properties);
	}

	/**
	 * Run the application on a TLS provider ({@code tls.provider}), skipped on {@code openssl} when netty-tcnative
	 * cannot be loaded.
	 * @param provider {@code jdk} or {@code openssl}
	 * @param properties its other properties
	 * @return the running application
	 */
	ConfigurableApplicationContext runOn(String provider, Map<String, String> properties) {
		assumeTrue(!provider.equals("openssl") || OpenSsl.isAvailable(),
				() -> "netty-tcnative cannot be loaded: " + OpenSsl.unavailabilityCause());
		Map<String, String> all = new LinkedHashMap<>(properties);
		all.put("tls.provider", provider);
		return run(all);
	}

	/** The port a running application listens on. */
	static int port(ConfigurableApplicationContext application) {
		return WebApplications.port(application);
	}

	private static String subject(X509Certificate[] chain) {
		return (chain != null && chain.length > 0) ? chain[0].getSubjectX500Principal().getName() : "none";
	}

	@RestController
	static class ServletPeer {

		@GetMapping("/")
		String peer(HttpServletRequest request) {
			return subject((X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate"));
		}

	}

	@RestController
	static class ReactivePeer {

		@GetMapping("/")
		String peer(ServerHttpRequest request) {
			SslInfo ssl = request.getSslInfo();
			return subject((ssl != null) ? ssl.getPeerCertificates() : null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class,
			SslAutoConfiguration.class, TlsWebServerAutoConfiguration.class,
			HttpMessageConvertersAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class })
	@Import(ServletPeer.class)
	static class ServletApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(TomcatServletWebServerAutoConfiguration.class)
	@Import(ServletApplication.class)
	static class Tomcat {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(JettyServletWebServerAutoConfiguration.class)
	@Import(ServletApplication.class)
	static class Jetty {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TlsAutoConfiguration.class, TlsWebServerAutoConfiguration.class,
			NettyReactiveWebServerAutoConfiguration.class, CodecsAutoConfiguration.class,
			HttpHandlerAutoConfiguration.class, WebFluxAutoConfiguration.class })
	@Import(ReactivePeer.class)
	static class ReactorNetty {

	}

}
