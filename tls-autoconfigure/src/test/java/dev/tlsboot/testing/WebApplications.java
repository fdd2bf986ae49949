package dev.tlsboot.testing;

import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Spring Boot web applications for tests: on a random port of 127.0.0.1, without a banner. */
public final class WebApplications {

	private WebApplications() {
	}

	/**
	 * Run an application.
	 * @param configuration its configuration class
	 * @param type servlet or reactive
	 * @param properties its properties, besides {@code server.port=0} and {@code server.address=127.0.0.1}
	 * @return the running application
	 */
	public static ConfigurableApplicationContext run(Class<?> configuration, WebApplicationType type,
			Map<String, String> properties) {
		return new SpringApplicationBuilder(configuration).web(type)
			.properties(Map.of("server.port", "0", "server.address", "127.0.0.1", "spring.main.banner-mode", "off"))
			.properties(Map.<String, Object>copyOf(properties))
			.run();
	}

	/** The port a running application listens on. */
	public static int port(ConfigurableApplicationContext application) {
		return application.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

}
