package dev.tlsboot.actuate.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;

import dev.tlsboot.actuate.TlsHealthIndicator;
import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.TlsProperties;
import dev.tlsboot.autoconfigure.acme.TlsAcme;
import dev.tlsboot.autoconfigure.acme.TlsAcmeAutoConfiguration;
import dev.tlsboot.autoconfigure.reload.TlsReloadAutoConfiguration;
import dev.tlsboot.autoconfigure.reload.TlsReloads;

/**
 * Auto-configuration of the {@link TlsHealthIndicator tls health indicator}
 * ({@code management.health.tls.enabled}, on by default), warning {@code tls.health.warning-threshold} before a
 * certificate expires, and about an OCSP responder failing for longer than {@code tls.health.responder-threshold}.
 */
@AutoConfiguration(after = { TlsAutoConfiguration.class, TlsReloadAutoConfiguration.class,
		TlsAcmeAutoConfiguration.class }, before = HealthContributorAutoConfiguration.class)
@ConditionalOnClass(Health.class)
@ConditionalOnEnabledHealthIndicator("tls")
public final class TlsHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "tlsHealthIndicator")
	@ConditionalOnBean(TlsContexts.class)
	TlsHealthIndicator tlsHealthIndicator(TlsContexts contexts, TlsProperties properties,
			ObjectProvider<TlsReloads> reloads, ObjectProvider<TlsAcme> acme) {
		return new TlsHealthIndicator(contexts, properties.getHealth().getWarningThreshold(),
				reloads.getIfAvailable(), properties.getHealth().getResponderThreshold(), acme.getIfAvailable());
	}

}
