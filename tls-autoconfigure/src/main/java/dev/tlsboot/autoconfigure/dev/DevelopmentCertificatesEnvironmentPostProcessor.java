package dev.tlsboot.autoconfigure.dev;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.tlsboot.pki.DevelopmentCertificates;

/**
 * With {@code tls.dev.enabled=true}, makes sure the development CA and server certificate exist and offers them to
 * the default context, below everything the application sets: {@code tls.certfile}/{@code tls.keyfile} when it has
 * none, and trust in the development CA besides the system store when no trust option is set. When the server
 * certificate is offered and the application configures no web server TLS ({@code tls.server.*} or Spring Boot's
 * {@code server.ssl.*}), it also offers {@code tls.server.context}, so that a web application serves HTTPS with it on
 * {@code server.port}. Runs after the application's own configuration is read, so that {@code tls.dev.*} in
 * application.yml counts.
 */
class DevelopmentCertificatesEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE = "tlsDevelopmentCertificates";

	/** {@code TlsProperties.DEFAULT_CONTEXT}, which this package cannot name: the root package depends on it. */
	private static final String DEFAULT_CONTEXT = "default";

	private static final Bindable<Map<String, Object>> ANY = Bindable.mapOf(String.class, Object.class);

	private final Log logger;

	DevelopmentCertificatesEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(DevelopmentCertificatesEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		TlsDevProperties dev = Binder.get(environment).bindOrCreate("tls.dev", TlsDevProperties.class);
		if (!dev.isEnabled()) {
			return;
		}
		DevelopmentCertificates certificates = new DevelopmentCertificates(Path.of(dev.getDirectory()),
				dev.getHostNames(), dev.getRenewBefore());
		DevelopmentCertificates.Outcome outcome = certificates.ensure();
		Map<String, Object> offered = new LinkedHashMap<>();
		Binder binder = Binder.get(environment);
		boolean serveHttps = false;
		if (!environment.containsProperty("tls.certfile")) {
			offered.put("tls.certfile", "file:" + certificates.serverCertificate().toAbsolutePath());
			offered.put("tls.keyfile", "file:" + certificates.serverKey().toAbsolutePath());
			// Any tls.server.* switches the web server's TLS on; one that changes nothing is enough.
			serveHttps = !binder.bind("tls.server", ANY).isBound() && !binder.bind("server.ssl", ANY).isBound();
			if (serveHttps) {
				offered.put("tls.server.context", DEFAULT_CONTEXT);
			}
		}
		if (!environment.containsProperty("tls.cafile") && !environment.containsProperty("tls.cadir")
				&& !environment.containsProperty("tls.castore") && !environment.containsProperty("tls.castore[0]")) {
			offered.put("tls.castore[0]", "system");
			offered.put("tls.castore[1]", "file:" + certificates.caCertificate().toAbsolutePath());
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, offered));
		Path ca = certificates.caCertificate().toAbsolutePath();
		String port = binder.bind("server.port", String.class).orElse("8080");
		this.logger.warn("TLS Boot development certificates " + outcome.name().toLowerCase() + " in "
				+ certificates.serverCertificate().toAbsolutePath().getParent() + " for " + certificates.hostNames()
				+ " (tls.dev.enabled; never in production)."
				+ (serveHttps ? " A web server serves HTTPS with them on server.port." : "")
				+ " Trust the CA with: curl --cacert " + ca + " https://localhost:" + ("0".equals(port) ? "PORT" : port)
				+ "/  or  keytool -importcert -noprompt -alias tls-boot-dev -file " + ca
				+ " -keystore truststore.p12 -storepass changeit");
	}

}
