package dev.tlsboot.autoconfigure.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.coyote.http11.Constants;
import org.apache.coyote.http11.Http11Nio2Protocol;
import org.apache.tomcat.util.net.Nio2Endpoint;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.cipher.CipherSuite;
import dev.tlsboot.core.observe.ConnectionObserver;

/**
 * Makes Tomcat's HTTP connectors serve HTTPS from the server context: one {@link SSLHostConfig} whose certificate is
 * the context's own SSLContext, which picks the certificate by SNI itself. Tomcat sets protocols, suites and client
 * authentication on each engine from the host config, so those are copied from the context; Tomcat negotiates h2 by
 * ALPN itself when {@code server.http2.enabled} adds its HTTP/2 upgrade protocol.
 * <p>
 * Tomcat has no handshake timeout of its own: its NIO connectors bound the whole handshake, from the accept, by
 * {@code connectionTimeout}, which is also how long each read of a request (line, headers, body) may wait. So the
 * server context's {@code handshake-timeout} becomes the connectors' {@code connectionTimeout}, unless one was set
 * for Tomcat ({@code server.tomcat.connection-timeout}, or a connector customizer), which then bounds the handshake
 * instead; the keep-alive timeout, which follows {@code connectionTimeout} unless set, stays where it was.
 */
final class TomcatTlsCustomizer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

	private static final Log logger = LogFactory.getLog(TomcatTlsCustomizer.class);

	private final ServerTls serverTls;

	private final boolean connectionTimeoutSet;

	private final ObjectProvider<LoggingSystem> loggingSystem;

	/**
	 * @param serverTls the server's TLS
	 * @param connectionTimeoutSet whether {@code server.tomcat.connection-timeout} is set
	 * @param loggingSystem Spring Boot's logging system, when the application has one
	 */
	TomcatTlsCustomizer(ServerTls serverTls, boolean connectionTimeoutSet,
			ObjectProvider<LoggingSystem> loggingSystem) {
		this.serverTls = serverTls;
		this.connectionTimeoutSet = connectionTimeoutSet;
		this.loggingSystem = loggingSystem;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		if (this.serverTls.enabled()) {
			factory.addConnectorCustomizers(this::secure);
			// Tomcat's engines have no peer: its requests tell their connections' entries the addresses
			ConnectionObserver.of(this.serverTls.context().sslContext())
				.ifPresent((observer) -> factory.addEngineValves(new TomcatConnectionLocator(observer)));
		}
	}

	private void secure(Connector connector) {
		if (!(connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol)) {
			return;
		}
		TlsContext context = this.serverTls.context();
		SSLHostConfig host = new SSLHostConfig();
		host.setHostName(protocol.getDefaultSSLHostConfigName());
		host.setProtocols(context.protocols().stream().map("+"::concat).collect(Collectors.joining()));
		Map<Boolean, List<String>> suites = context.cipherSuites()
			.stream()
			.collect(Collectors.partitioningBy(TomcatTlsCustomizer::tls13));
		host.setCiphers(String.join(",", suites.get(false)));
		host.setCipherSuites(String.join(":", suites.get(true)));
		host.setCertificateVerification(certificateVerification());
		SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host,
				SSLHostConfigCertificate.Type.UNDEFINED);
		certificate.setSslContext(new TomcatSslContext(context));
		host.addCertificate(certificate);
		protocol.setSSLEnabled(true);
		protocol.addSslHostConfig(host);
		connector.setScheme("https");
		connector.setSecure(true);
		boundHandshake(protocol, context.options().handshakeTimeout());
		describe(protocol, context);
	}

	private void boundHandshake(AbstractHttp11Protocol<?> protocol, Duration handshakeTimeout) {
		// Set for Tomcat: by server.tomcat.connection-timeout (which may name Tomcat's default), or a customizer
		if (this.connectionTimeoutSet || protocol.getConnectionTimeout() != Constants.DEFAULT_CONNECTION_TIMEOUT) {
			return;
		}
		// Unless set, keepAliveTimeout follows connectionTimeout: fix it at its current value
		protocol.setKeepAliveTimeout(protocol.getKeepAliveTimeout());
		protocol.setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, handshakeTimeout.toMillis()));
	}

	/**
	 * Tomcat describes each certificate as loaded from a key store or PEM files, and one given as an SSLContext as the
	 * default key store ({@code ~/.keystore}, alias {@code tomcat}, type {@code UNDEFINED}), which it never reads here.
	 * Its certificate logger is quietened (unless its level is configured) and TLS Boot says what Tomcat serves.
	 */
	private void describe(AbstractHttp11Protocol<?> protocol, TlsContext context) {
		LoggingSystem loggingSystem = this.loggingSystem.getIfAvailable();
		if (loggingSystem != null) {
			Class<?> endpoint = (protocol instanceof Http11Nio2Protocol) ? Nio2Endpoint.class : NioEndpoint.class;
			String name = endpoint.getName() + ".certificate";
			LoggerConfiguration configuration = loggingSystem.getLoggerConfiguration(name);
			if (configuration == null || configuration.getConfiguredLevel() == null) {
				loggingSystem.setLogLevel(name, LogLevel.WARN);
			}
		}
		logger.info("Tomcat serves TLS context '" + context.name() + "' (certificate "
				+ context.certificateChain().get(0).getSubjectX500Principal().getName() + ")");
	}

	/** Tomcat keeps TLS 1.3 suites apart ({@code cipherSuites}) from the others ({@code ciphers}). */
	private static boolean tls13(String suite) {
		return CipherSuite.named(suite).map(CipherSuite::tls13).orElse(false);
	}

	private String certificateVerification() {
		if (this.serverTls.require()) {
			return "required";
		}
		return this.serverTls.request() ? "optional" : "none";
	}

}
