package dev.tlsboot.benchmarks.app;

import javax.net.ssl.SSLContext;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * With {@code benchmark.ssl-bundle} set, makes the SSLContext of the Spring Boot SSL bundle it names while the
 * application starts, as an application configured through {@code spring.ssl.bundle.*} does when a server or client
 * takes the bundle: the counterpart, without TLS Boot, of TLS Boot building its context from {@code tls.*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(SslBundleContext.BUNDLE)
class SslBundleContext {

	static final String BUNDLE = "benchmark.ssl-bundle";

	@Bean
	SSLContext benchmarkSslContext(SslBundles bundles, Environment environment) {
		return bundles.getBundle(environment.getRequiredProperty(BUNDLE)).createSslContext();
	}

}
