package dev.tlsboot.autoconfigure.acme;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MutablePropertySources;
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

	/** What gives a context its certificate: ACME's, for the context it manages. */
	private static final List<String> OWN_CERTIFICATE = List.of("certfile", "keyfile", "keyalias");

	private static final Bindable<Map<String, Object>> ANY = Bindable.mapOf(String.class, Object.class);

	@Bean
	TlsAcme tlsAcme(TlsAcmeProperties properties, TlsContexts contexts, Environment environment,
			ObjectProvider<TlsReloads> reloads, ApplicationContext application) {
		if (!properties.isEnabled()) {
			return new TlsAcme(null, () -> HTTPS_PORT);
		}
		refuseOwnCertificate(properties.getContext(), environment);
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

	/**
	 * A certificate the application sets for the ACME context itself would be served in place of ACME's, or mixed
	 * with it (its certfile with ACME's key), and never renewed: refused rather than ignored.
	 */
	private static void refuseOwnCertificate(String context, Environment environment) {
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return;
		}
		MutablePropertySources own = new MutablePropertySources(configurable.getPropertySources());
		own.remove(TlsAcmeEnvironmentPostProcessor.PROPERTY_SOURCE);
		Binder binder = new Binder(ConfigurationPropertySources.from(own));
		String prefix = TlsAcmeEnvironmentPostProcessor.contextPrefix(context);
		for (String option : OWN_CERTIFICATE) {
			if (binder.bind(prefix + option, String.class).isBound()) {
				throw new TlsConfigurationException(prefix + option, null,
						"the context '" + context + "' is managed by ACME (tls.acme.context), which serves the "
								+ "certificate it keeps in 'tls.acme.storage'; a certificate set for the context "
								+ "itself would be served in its place and never renewed.",
						"Remove '" + prefix + option + "', or set 'tls.acme.context' to another context, or "
								+ "'tls.acme.enabled' to false to serve your own certificate.");
			}
		}
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
