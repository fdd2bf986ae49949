package dev.tlsboot.autoconfigure;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.tlsboot.core.CryptoImplementation;

/**
 * {@code tls.crypto-provider=accp}: installs ACCP as the first JCA provider.
 * <p>
 * Why here, and not in a bean: JCA providers are per JVM, and whatever asks for an algorithm before the install gets
 * the JDK's implementation (a {@code SecureRandom}, a key factory, another library's or Spring Boot's own
 * {@code spring.ssl} bundles, an embedded server's TLS). An environment post-processor is the earliest point at which
 * the application's configuration ({@code application.yml}, the environment, the command line) is known, before any
 * bean exists. It runs last among the post-processors so that every property source counts. A failure here stops
 * {@code SpringApplication.run} and is explained by the failure analyzer like every other bad TLS option. Application
 * contexts started without {@code SpringApplication} (tests' context runners) get the same install from
 * {@link TlsAutoConfiguration}, before the contexts are built; installing twice changes nothing.
 */
class TlsCryptoProviderEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	private final Log logger;

	TlsCryptoProviderEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(TlsCryptoProviderEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		CryptoImplementation choice = Binder.get(environment)
			.bind(TlsCryptoProviderInstall.PROPERTY, CryptoImplementation.class)
			.orElse(CryptoImplementation.JDK);
		TlsCryptoProviderInstall.install(choice, this.logger);
	}

}
