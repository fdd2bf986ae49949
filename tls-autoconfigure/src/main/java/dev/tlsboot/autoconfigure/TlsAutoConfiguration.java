package dev.tlsboot.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.spi.PasswordProvider;

/**
 * Auto-configuration of TLS Boot's contexts: every context {@code tls.*} describes, built at startup, in a
 * {@link TlsContexts} bean, and the default one as the primary {@link TlsContext} bean.
 */
@AutoConfiguration
@EnableConfigurationProperties(TlsProperties.class)
public final class TlsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TlsContexts tlsContexts(TlsProperties properties, ObjectProvider<PasswordProvider> passwordProvider) {
		return new TlsContextsFactory(properties, passwordProvider.getIfAvailable()).create();
	}

	@Bean
	@Primary
	TlsContext tlsContext(TlsContexts contexts) {
		return contexts.getDefault();
	}

	@Bean
	ServerSslCheck tlsServerSslCheck(Environment environment) {
		return new ServerSslCheck(environment);
	}

}
