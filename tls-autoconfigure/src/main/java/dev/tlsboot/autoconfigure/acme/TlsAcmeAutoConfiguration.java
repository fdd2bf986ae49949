package dev.tlsboot.autoconfigure.acme;

import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.reload.TlsReloadAutoConfiguration;
import dev.tlsboot.autoconfigure.reload.TlsReloads;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.acme.AcmeCertificateManager;
import dev.tlsboot.core.acme.AcmeChallenge;
import dev.tlsboot.core.acme.AcmeSettings;
import dev.tlsboot.core.option.TlsConfigurationException;

/**
 * ACME ({@code tls.acme.*}): the {@code tls.acme.context}'s certificate obtained and renewed from an ACME CA. The
 * bean is always there when acme4j is; whether it manages anything is decided from the properties the application
 * starts with, so that an application built ahead of time follows them.
 */
@AutoConfiguration(after = { TlsAutoConfiguration.class, TlsReloadAutoConfiguration.class })
@ConditionalOnClass(name = "org.shredzone.acme4j.Session")
@EnableConfigurationProperties(TlsAcmeProperties.class)
public final class TlsAcmeAutoConfiguration {

	private static final String WEB_SERVER_CONTEXT = "org.springframework.boot.web.server.context.WebServerApplicationContext";

	private static final int HTTPS_PORT = 443;

	private static final Bindable<Map<String, Object>> ANY = Bindable.mapOf(String.class, Object.class);

	@Bean
	TlsAcme tlsAcme(TlsAcmeProperties properties, TlsContexts contexts, Environment environment,
			ObjectProvider<TlsReloads> reloads, ApplicationContext application) {
		if (!properties.isEnabled()) {
			return new TlsAcme(null, () -> HTTPS_PORT);
		}
		TlsContext client = contexts.get(properties.getClientContext());
		AcmeSettings settings = properties.toSettings(environment.getProperty("server.address"), client);
		if (settings.challenge() == AcmeChallenge.TLS_ALPN_01 && !servedByWebServer(properties.getContext(), environment)) {
			throw new TlsConfigurationException("tls.acme.challenge", null,
					"tls-alpn-01 is answered by the web server's TLS, and 'tls.server' does not serve the context '"
							+ properties.getContext() + "'.",
					"Set 'tls.server.context' to '" + properties.getContext() + "' (the CA validates on port 443), "
							+ "or use 'challenge: http-01' with 'http-port'.");
		}
		TlsContext managed = contexts.get(properties.getContext());
		AcmeCertificateManager manager = new AcmeCertificateManager(settings, managed);
		// A swap is a reload the watcher does not repeat: counted, shown and published as one all the same.
		reloads.ifAvailable((rotation) -> manager.onSwapped(rotation::reloaded));
		return new TlsAcme(manager, () -> webServerPort(application));
	}

	/** The port the web server took (known once it started), else the HTTPS default. */
	private static int webServerPort(ApplicationContext application) {
		if (ClassUtils.isPresent(WEB_SERVER_CONTEXT, application.getClassLoader())
				&& application instanceof WebServerApplicationContext web && web.getWebServer() != null) {
			return web.getWebServer().getPort();
		}
		return HTTPS_PORT;
	}

	private static boolean servedByWebServer(String context, Environment environment) {
		Binder binder = Binder.get(environment);
		if (!binder.bind("tls.server", ANY).isBound()) {
			return false;
		}
		String served = environment.getProperty("tls.server.context", "default");
		Map<String, String> sni = binder.bind("tls.server.sni", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
		return served.equals(context) || sni.containsValue(context)
				|| context.equals(environment.getProperty("tls.server.fallback"));
	}

}
