package dev.tlsboot.autoconfigure.server;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

import dev.tlsboot.core.TlsContext;

/**
 * Makes Jetty's connectors serve HTTPS from the server context, in place (port, host, acceptors and Spring Boot's
 * HTTP configuration are kept): TLS, then ALPN with HTTP/2 when {@code server.http2.enabled}, then HTTP/1.1. Jetty
 * gets the context's own SSLContext, which picks the certificate by SNI itself; so SNI works on Jetty, where Spring
 * Boot refuses it. Jetty's default exclusions are dropped so that the context alone decides protocols and suites.
 */
final class JettyTlsCustomizer implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> {

	private final ServerTls serverTls;

	JettyTlsCustomizer(ServerTls serverTls) {
		this.serverTls = serverTls;
	}

	@Override
	public void customize(ConfigurableJettyWebServerFactory factory) {
		if (this.serverTls.enabled()) {
			factory.addServerCustomizers(this::secure);
		}
	}

	private void secure(Server server) {
		TlsContext context = this.serverTls.context();
		for (Connector connector : server.getConnectors()) {
			if (connector instanceof ServerConnector serverConnector) {
				secure(serverConnector, sslContextFactory(context));
			}
		}
	}

	private SslContextFactory.Server sslContextFactory(TlsContext context) {
		SslContextFactory.Server factory = new SslContextFactory.Server();
		factory.setSslContext(context.sslContext());
		factory.setIncludeProtocols(context.protocols().toArray(String[]::new));
		factory.setExcludeProtocols();
		factory.setIncludeCipherSuites(context.cipherSuites().toArray(String[]::new));
		factory.setExcludeCipherSuites();
		factory.setWantClientAuth(this.serverTls.request());
		factory.setNeedClientAuth(this.serverTls.require());
		return factory;
	}

	private void secure(ServerConnector connector, SslContextFactory.Server sslContextFactory) {
		HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
		HttpConfiguration configuration = http.getHttpConfiguration();
		configuration.setSecureScheme("https");
		configuration.setSecurePort(connector.getPort());
		configuration.addCustomizer(new SecureRequestCustomizer());
		List<ConnectionFactory> after = this.serverTls.http2() ? JettyHttp2.connectionFactories(http)
				: List.of(http);
		List<ConnectionFactory> factories = new ArrayList<>();
		factories.add(new SslConnectionFactory(sslContextFactory, after.get(0).getProtocol()));
		factories.addAll(after);
		connector.setConnectionFactories(factories);
	}

}
