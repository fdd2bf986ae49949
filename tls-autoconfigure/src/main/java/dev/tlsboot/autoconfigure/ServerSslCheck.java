package dev.tlsboot.autoconfigure;

import java.util.Map;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import dev.tlsboot.core.option.TlsConfigurationException;

/**
 * Fails startup when both {@code tls.server.*} and Spring Boot's {@code server.ssl.*} configure the web server's
 * TLS: the two would fight over the same connector.
 */
final class ServerSslCheck implements InitializingBean {

	private static final Bindable<Map<String, Object>> ANY = Bindable.mapOf(String.class, Object.class);

	private final Binder binder;

	ServerSslCheck(Environment environment) {
		this.binder = Binder.get(environment);
	}

	@Override
	public void afterPropertiesSet() {
		String boot = this.binder.bind("server.ssl.enabled", Boolean.class).orElse(true) ? firstSetting("server.ssl")
				: null;
		String tls = firstSetting("tls.server");
		if (boot != null && tls != null) {
			throw new TlsConfigurationException(tls, null,
					"'" + boot + "' is set as well, and only one of 'tls.server.*' and Spring Boot's "
							+ "'server.ssl.*' can configure the web server's TLS.",
					"Remove 'server.ssl.*' to let TLS Boot configure the server, or remove 'tls.server.*' (a TLS "
							+ "Boot context can still serve through 'server.ssl.bundle=tls-<name>').");
		}
	}

	/** The first property set under {@code prefix}, or {@code null} when there is none. */
	private String firstSetting(String prefix) {
		return this.binder.bind(prefix, ANY)
			.map((settings) -> prefix + "." + settings.keySet().iterator().next())
			.orElse(null);
	}

}
