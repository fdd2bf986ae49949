package dev.tlsboot.autoconfigure.reload;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.tlsboot.testing.WebApplications;
import dev.tlsboot.actuate.autoconfigure.TlsHealthContributorAutoConfiguration;
import dev.tlsboot.actuate.autoconfigure.TlsMetricsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsSslBundleAutoConfiguration;
import dev.tlsboot.autoconfigure.server.TlsWebServerAutoConfiguration;

/**
 * The smallest rotating applications on each server kind: TLS Boot with {@code tls.reload.*}, the SSL bundle
 * bridge, health and metrics in a {@link SimpleMeterRegistry}, and {@code GET /} answering with the client's port,
 * so that a test can tell whether two requests shared a connection. Their {@link TlsContextReloadedEvent}s are kept
 * by a {@link ReloadEvents} bean.
 */
enum RotatingServer {

	TOMCAT(WebApplicationType.SERVLET, Tomcat.class),

	REACTOR_NETTY(WebApplicationType.REACTIVE, ReactorNetty.class);

	private final WebApplicationType type;

	private final Class<?> configuration;

	RotatingServer(WebApplicationType type, Class<?> configuration) {
		this.type = type;
		this.configuration = configuration;
	}

	/**
	 * Run the application on a random port of 127.0.0.1.
	 * @param properties its {@code tls.*} properties
	 * @return the running application
	 */
	ConfigurableApplicationContext run(Map<String, String> properties) {
		return WebApplications.run(this.configuration, this.type, properties);
	}

	/** The port a running application listens on. */
	static int port(ConfigurableApplicationContext application) {
		return WebApplications.port(application);
	}

	/** Every {@link TlsContextReloadedEvent} the application published, in order. */
	static final class ReloadEvents implements ApplicationListener<TlsContextReloadedEvent> {

		private final List<TlsContextReloadedEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(TlsContextReloadedEvent event) {
			this.events.add(event);
		}

		List<TlsContextReloadedEvent> events() {
			return List.copyOf(this.events);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class,
			SslAutoConfiguration.class, TlsReloadAutoConfiguration.class,
			TlsWebServerAutoConfiguration.class, MetricsAutoConfiguration.class,
			TlsMetricsAutoConfiguration.class, TlsHealthContributorAutoConfiguration.class })
	static class Rotating {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		ReloadEvents reloadEvents() {
			return new ReloadEvents();
		}

	}

	@RestController
	static class ServletPort {

		@GetMapping("/")
		String port(HttpServletRequest request) {
			return String.valueOf(request.getRemotePort());
		}

	}

	@RestController
	static class ReactivePort {

		@GetMapping("/")
		String port(ServerHttpRequest request) {
			return String.valueOf(request.getRemoteAddress().getPort());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class,
			HttpMessageConvertersAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class })
	@Import({ Rotating.class, ServletPort.class })
	static class Tomcat {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ NettyReactiveWebServerAutoConfiguration.class, CodecsAutoConfiguration.class,
			HttpHandlerAutoConfiguration.class, WebFluxAutoConfiguration.class })
	@Import({ Rotating.class, ReactivePort.class })
	static class ReactorNetty {

	}

}
