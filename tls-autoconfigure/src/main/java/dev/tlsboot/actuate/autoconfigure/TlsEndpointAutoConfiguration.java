package dev.tlsboot.actuate.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.tlsboot.actuate.TlsEndpoint;
import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.TlsProperties;
import dev.tlsboot.autoconfigure.acme.TlsAcme;
import dev.tlsboot.autoconfigure.acme.TlsAcmeAutoConfiguration;
import dev.tlsboot.autoconfigure.reload.TlsReloadAutoConfiguration;
import dev.tlsboot.autoconfigure.reload.TlsReloads;
import dev.tlsboot.core.observe.ConnectionRegistry;

/**
 * Auto-configuration of the {@link TlsEndpoint tls endpoint}, when it is available: enabled, and exposed over HTTP
 * or JMX by Actuator's usual {@code management.endpoints.*.exposure.include}.
 */
@AutoConfiguration(after = { TlsAutoConfiguration.class, TlsReloadAutoConfiguration.class,
		TlsAcmeAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
@ConditionalOnAvailableEndpoint(TlsEndpoint.class)
public final class TlsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ TlsContexts.class, ConnectionRegistry.class })
	TlsEndpoint tlsEndpoint(TlsContexts contexts, ConnectionRegistry registry, TlsProperties properties,
			ObjectProvider<TlsReloads> reloads, ObjectProvider<TlsAcme> acme) {
		return new TlsEndpoint(contexts, registry, properties.getHealth().getWarningThreshold(),
				reloads.getIfAvailable(), acme.getIfAvailable());
	}

}
