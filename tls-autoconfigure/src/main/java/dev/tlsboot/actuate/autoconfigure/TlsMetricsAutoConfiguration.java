package dev.tlsboot.actuate.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.tlsboot.actuate.TlsAcmeMetrics;
import dev.tlsboot.actuate.TlsCertificateMetrics;
import dev.tlsboot.actuate.TlsHandshakeMetrics;
import dev.tlsboot.actuate.TlsReloadMetrics;
import dev.tlsboot.actuate.TlsRevocationMetrics;
import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.acme.TlsAcme;
import dev.tlsboot.autoconfigure.acme.TlsAcmeAutoConfiguration;
import dev.tlsboot.autoconfigure.reload.TlsReloadAutoConfiguration;
import dev.tlsboot.autoconfigure.reload.TlsReloads;

/**
 * Auto-configuration of TLS Boot's Micrometer metrics: {@code tls.handshakes}, {@code tls.handshake.failures} and
 * {@code tls.certificate.expiry}, {@code tls.reloads} when rotation is on, {@code tls.acme.orders} with ACME.
 */
@AutoConfiguration(after = { CompositeMeterRegistryAutoConfiguration.class, MetricsAutoConfiguration.class,
		TlsAutoConfiguration.class, TlsReloadAutoConfiguration.class, TlsAcmeAutoConfiguration.class })
@ConditionalOnClass({ MeterRegistry.class, MetricsAutoConfiguration.class })
@ConditionalOnBean(MeterRegistry.class)
public final class TlsMetricsAutoConfiguration {

	/** A {@code TlsEventListener} bean: every context built from {@code tls.*} reports its handshakes to it. */
	@Bean
	@ConditionalOnMissingBean
	TlsHandshakeMetrics tlsHandshakeMetrics() {
		return new TlsHandshakeMetrics();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(TlsContexts.class)
	TlsCertificateMetrics tlsCertificateMetrics(TlsContexts contexts) {
		return new TlsCertificateMetrics(contexts);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(TlsContexts.class)
	TlsRevocationMetrics tlsRevocationMetrics(TlsContexts contexts) {
		return new TlsRevocationMetrics(contexts);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(TlsReloads.class)
	TlsReloadMetrics tlsReloadMetrics() {
		return new TlsReloadMetrics();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(TlsAcme.class)
	TlsAcmeMetrics tlsAcmeMetrics(TlsAcme acme) {
		return new TlsAcmeMetrics(acme);
	}

}
