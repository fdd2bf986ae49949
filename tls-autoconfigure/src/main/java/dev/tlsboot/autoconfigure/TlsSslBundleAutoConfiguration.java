package dev.tlsboot.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the SSL bundle bridge: every TLS Boot context is also the Spring Boot SSL bundle
 * {@code tls-<name>}.
 */
@AutoConfiguration(after = TlsAutoConfiguration.class)
public final class TlsSslBundleAutoConfiguration {

	@Bean
	TlsSslBundleRegistrar tlsSslBundleRegistrar(TlsContexts contexts) {
		return new TlsSslBundleRegistrar(contexts);
	}

}
