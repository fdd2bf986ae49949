package dev.tlsboot.autoconfigure.acme;

import java.util.LinkedHashMap;
import java.util.List;
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
 * {@code keyfile}: so the context is built, and the server starts, before the first certificate arrives. A
 * certificate the application sets for that context itself stops startup here; other settings that cannot work are
 * left for {@link TlsAcmeAutoConfiguration} to report.
 */
class TlsAcmeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE = "tlsAcmeStorage";

	private static final String DEFAULT_CONTEXT = "default";

	/** What gives a context its certificate (a PEM pair, or a keystore and its entry): ACME's, for its context. */
	private static final List<String> OWN_CERTIFICATE = List.of("certfile", "keyfile", "keyalias");

	/**
	 * After the application's configuration is read; before the development certificates are offered, so that what
	 * is set for the context is the application's own, and ACME's files win over those for the context ACME manages.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 1;
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
		String prefix = contextPrefix(acme.getContext());
		refuseOwnCertificate(acme.getContext(), prefix, Binder.get(environment));
		AcmeCertificateManager.prepare(settings);
		Map<String, Object> offered = new LinkedHashMap<>();
		offered.put(prefix + "certfile", "file:" + settings.certificateFile().toAbsolutePath());
		offered.put(prefix + "keyfile", "file:" + settings.keyFile().toAbsolutePath());
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, offered));
	}

	/**
	 * A certificate the application sets for the ACME context itself would be served in place of ACME's, or mixed
	 * with it (its key with ACME's certificate), and never renewed: refused, before the context is built, rather than
	 * ignored.
	 */
	private static void refuseOwnCertificate(String context, String prefix, Binder binder) {
		for (String option : OWN_CERTIFICATE) {
			if (binder.bind(prefix + option, String.class).isBound()) {
				throw new TlsConfigurationException(prefix + option, null,
						"the context '" + context + "' is managed by ACME (tls.acme.context), which serves the "
								+ "certificate it keeps in 'tls.acme.storage'; a certificate set for the context itself "
								+ "would be served in its place and never renewed.",
						"Remove '" + prefix + option + "', or set 'tls.acme.context' to another context, or "
								+ "'tls.acme.enabled' to false to serve your own certificate.");
			}
		}
	}

}
