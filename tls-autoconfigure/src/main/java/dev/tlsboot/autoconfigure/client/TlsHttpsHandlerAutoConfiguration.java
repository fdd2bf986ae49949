package dev.tlsboot.autoconfigure.client;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the https handler, like Tcl's {@code http::register https 443 tls::socket}: with
 * {@code tls.https-handler.register=true}, the HTTP clients' TLS ({@code tls.client.*}) is the JVM-wide default for
 * {@code HttpsURLConnection} and {@code SSLContext.getDefault()} while the application runs.
 */
@AutoConfiguration(after = TlsHttpClientAutoConfiguration.class)
@ConditionalOnBooleanProperty("tls.https-handler.register")
public final class TlsHttpsHandlerAutoConfiguration {

	@Bean
	HttpsHandler tlsHttpsHandler(ClientTls tls) {
		return new HttpsHandler(tls);
	}

}
