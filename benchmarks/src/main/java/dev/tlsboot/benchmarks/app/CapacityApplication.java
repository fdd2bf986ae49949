package dev.tlsboot.benchmarks.app;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.Locale;

import javax.net.ssl.SSLContext;

import io.netty.handler.ssl.OpenSsl;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;

import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.netty.NettyTlsImplementation;

/**
 * The smallest web application: {@code GET /ok} answers {@value #BODY} as {@code text/plain}, on Tomcat (Spring MVC,
 * {@code spring.main.web-application-type=servlet}) or on Reactor Netty (WebFlux, {@code reactive}). The capacity
 * benchmark starts it in a fresh JVM per server and setup, with its TLS from {@code server.ssl.bundle} or from
 * {@code tls.*}.
 * <p>
 * Not a {@code @SpringBootApplication}, and without any {@code @Component}: {@link StartupApplication} scans this
 * package, and must find nothing here. The endpoint is a functional route, one bean per web stack.
 * <p>
 * Once the server listens it prints one line, {@value #READY} followed by the port and what serves TLS as the
 * application sees it, e.g. {@code capacity-app ready 41234 TomcatWebServer; TLS Boot, provider conscrypt:
 * SSLContext on Conscrypt 2.9.0 (BoringSSL)}. The benchmark checks the wire as well.
 */
@EnableAutoConfiguration
public class CapacityApplication {

	/** The line the application prints, with its port, once it listens. */
	public static final String READY = "capacity-app ready";

	/** The path of the endpoint. */
	public static final String PATH = "/ok";

	/** The response body. */
	public static final String BODY = "ok\n";

	@Bean
	@ConditionalOnWebApplication(type = Type.SERVLET)
	org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse>
			servletRoute() {
		return org.springframework.web.servlet.function.RouterFunctions.route()
			.GET(PATH, (request) -> org.springframework.web.servlet.function.ServerResponse.ok()
				.contentType(MediaType.TEXT_PLAIN)
				.body(BODY))
			.build();
	}

	@Bean
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	org.springframework.web.reactive.function.server.RouterFunction<
			org.springframework.web.reactive.function.server.ServerResponse> reactiveRoute() {
		return org.springframework.web.reactive.function.server.RouterFunctions.route()
			.GET(PATH, (request) -> org.springframework.web.reactive.function.server.ServerResponse.ok()
				.contentType(MediaType.TEXT_PLAIN)
				.bodyValue(BODY))
			.build();
	}

	/**
	 * Start the application with {@code args} as Spring arguments, print {@value #READY}, the port and the TLS
	 * implementation, and serve until the process is ended.
	 * @param args Spring arguments
	 */
	public static void main(String[] args) throws NoSuchAlgorithmException {
		ConfigurableApplicationContext context = SpringApplication.run(CapacityApplication.class, args);
		WebServer server = ((WebServerApplicationContext) context).getWebServer();
		System.out.println(READY + " " + server.getPort() + " " + server.getClass().getSimpleName() + "; "
				+ tls(context.getBeanProvider(TlsContexts.class).getIfAvailable(),
						server.getClass().getSimpleName().startsWith("Netty")));
		System.out.flush();
	}

	/** What serves TLS, as this JVM sees it: TLS Boot's server context, or Spring Boot's own path. */
	private static String tls(TlsContexts contexts, boolean netty) throws NoSuchAlgorithmException {
		if (contexts == null) {
			if (!netty) {
				// Tomcat's JSSE implementation builds its SSLContext with SSLContext.getInstance, as this does.
				Provider provider = SSLContext.getInstance("TLS").getProvider();
				return "Spring Boot's SSL bundle, TLS Boot excluded: Tomcat's JSSE on " + provider.getName() + " "
						+ provider.getVersionStr();
			}
			return "Spring Boot's SSL bundle, TLS Boot excluded: Netty on " + (OpenSsl.isAvailable()
					? "OpenSSL, which it picks when netty-tcnative loads (" + OpenSsl.versionString() + ")"
					: "the JDK (netty-tcnative does not load: "
							+ OpenSsl.unavailabilityCause().getClass().getSimpleName() + ")");
		}
		TlsContext server = contexts.getDefault();
		return "TLS Boot, provider " + server.options().provider().name().toLowerCase(Locale.ROOT) + ": "
				+ (netty ? "Netty on " + NettyTlsImplementation.version(server)
						: "SSLContext on " + server.providerVersion());
	}

}
