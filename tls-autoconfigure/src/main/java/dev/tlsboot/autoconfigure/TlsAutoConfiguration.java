package dev.tlsboot.autoconfigure;

import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.spi.PasswordProvider;
import dev.tlsboot.core.spi.TlsEventListener;
import dev.tlsboot.core.spi.TlsValidator;

/**
 * Auto-configuration of TLS Boot's contexts: every context {@code tls.*} describes, built at startup (with nothing
 * set, the default one is made on first use: there is nothing to check), in a {@link TlsContexts} bean, and the
 * default one as the primary {@link TlsContext} bean. Every context keeps its
 * connections in the {@link ConnectionRegistry} bean and is given every {@link TlsValidator} and
 * {@link TlsEventListener} bean, in their order; connection events are also published as {@link TlsConnectionEvent}s.
 * {@code tls.debug.keylog-file} starts the key log, and {@code tls.crypto-provider} installs the JVM's crypto
 * provider, before the contexts are built.
 */
@AutoConfiguration
@EnableConfigurationProperties(TlsProperties.class)
public final class TlsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConnectionRegistry tlsConnectionRegistry(TlsProperties properties) {
		return ConnectionRegistry.create(properties.getConnections().getMaxTracked());
	}

	@Bean
	TlsKeyLogging tlsKeyLogging(TlsProperties properties, Environment environment) {
		return TlsKeyLogging.start(properties.getDebug(), environment);
	}

	/**
	 * {@code tls.crypto-provider}, installed before any context is built. {@link TlsCryptoProviderEnvironmentPostProcessor}
	 * has done it already in applications started by {@code SpringApplication}; this covers contexts started
	 * otherwise, and changes nothing the second time.
	 */
	@Bean
	TlsCryptoProviderInstall tlsCryptoProvider(TlsProperties properties) {
		return TlsCryptoProviderInstall.install(properties.getCryptoProvider(),
				LogFactory.getLog(TlsCryptoProviderInstall.class));
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOn({ "tlsKeyLogging", "tlsCryptoProvider" })
	TlsContexts tlsContexts(TlsProperties properties, ObjectProvider<PasswordProvider> passwordProvider,
			ConnectionRegistry registry, ObjectProvider<TlsValidator> validators,
			ObjectProvider<TlsEventListener> listeners) {
		return new TlsContextsFactory(properties, passwordProvider.getIfAvailable(), (context) -> {
			context.registry(registry);
			validators.orderedStream().forEach(context::validator);
			listeners.orderedStream().forEach(context::listener);
		}).create();
	}

	@Bean
	@Primary
	TlsContext tlsContext(TlsContexts contexts) {
		return contexts.getDefault();
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "tls.connections.application-events", matchIfMissing = true)
	ApplicationEventTlsListener tlsApplicationEventListener(ApplicationEventPublisher publisher) {
		return new ApplicationEventTlsListener(publisher);
	}

	@Bean
	ServerSslCheck tlsServerSslCheck(Environment environment) {
		return new ServerSslCheck(environment);
	}

}
