package dev.tlsboot.autoconfigure.reload;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.TlsProperties;
import dev.tlsboot.core.reload.MaterialWatcher;

/**
 * Certificate rotation: every context whose material comes from files is watched and reloaded when they change
 * ({@code tls.reload.*}).
 */
@AutoConfiguration(after = TlsAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "tls.reload.enabled", matchIfMissing = true)
public final class TlsReloadAutoConfiguration {

	@Bean
	TlsReloads tlsReloads(ApplicationEventPublisher publisher) {
		return new TlsReloads(publisher, Clock.systemUTC());
	}

	@Bean(destroyMethod = "close")
	MaterialWatcher tlsMaterialWatcher(TlsContexts contexts, TlsProperties properties, TlsReloads reloads) {
		TlsProperties.Reload reload = properties.getReload();
		MaterialWatcher watcher = new MaterialWatcher(reload.getQuietPeriod(), reload.getPollInterval(), reloads);
		contexts.asMap().values().forEach(watcher::watch);
		return watcher;
	}

}
