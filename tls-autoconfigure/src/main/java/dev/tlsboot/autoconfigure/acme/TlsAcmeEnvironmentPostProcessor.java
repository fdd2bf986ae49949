package dev.tlsboot.autoconfigure.acme;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

import dev.tlsboot.core.acme.AcmeCertificateManager;
import dev.tlsboot.core.acme.AcmeSettings;
import dev.tlsboot.core.option.TlsConfigurationException;

/**
 * With {@code tls.acme.enabled=true}, makes sure {@code tls.acme.storage} holds a certificate for the ACME context
 * (the stored one, else a placeholder for the domains) and offers its files as the context's {@code certfile} and
 * {@code keyfile}, below everything the application sets: so the context is built, and the server starts, before the
 * first certificate arrives. Settings that cannot work are left for {@link TlsAcmeAutoConfiguration} to report.
 */
class TlsAcmeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE = "tlsAcmeStorage";

	private static final String DEFAULT_CONTEXT = "default";

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/** Where the properties of {@code context} are: {@code tls.} for the default one. */
	static String contextPrefix(String context) {
		return DEFAULT_CONTEXT.equals(context) ? "tls." : "tls.contexts." + context + ".";
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		TlsAcmeProperties acme = Binder.get(environment).bindOrCreate("tls.acme", TlsAcmeProperties.class);
		if (!acme.isEnabled() || !ClassUtils.isPresent("org.shredzone.acme4j.Session", getClass().getClassLoader())) {
			return;
		}
		AcmeSettings settings;
		try {
			settings = acme.toSettings(null, null);
		}
		catch (TlsConfigurationException ex) {
			return;
		}
		AcmeCertificateManager.prepare(settings);
		String prefix = contextPrefix(acme.getContext());
		if (!environment.containsProperty(prefix + "certfile")) {
			Map<String, Object> offered = new LinkedHashMap<>();
			offered.put(prefix + "certfile", "file:" + settings.certificateFile().toAbsolutePath());
			offered.put(prefix + "keyfile", "file:" + settings.keyFile().toAbsolutePath());
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, offered));
		}
	}

}
