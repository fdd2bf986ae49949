package dev.tlsboot.autoconfigure.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLEngine;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.Scheduler;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

import dev.tlsboot.core.AcmeTlsChallenges;
import dev.tlsboot.core.ConsumerSslContext;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.observe.TlsConsumers;

/**
 * Makes Jetty's connectors serve HTTPS from the server context, in place (port, host, acceptors and Spring Boot's
 * HTTP configuration are kept): TLS, then ALPN with HTTP/2 when {@code server.http2.enabled}, then HTTP/1.1. Jetty
 * gets the context's own SSLContext, which picks the certificate by SNI itself; so SNI works on Jetty, where Spring
 * Boot refuses it. Jetty's default exclusions are dropped so that the context alone decides protocols and suites.
 * A connection whose handshake has not completed within the server context's {@code handshake-timeout} is closed.
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
				secure(serverConnector, sslContextFactory(context), context.options().handshakeTimeout(),
						context.acmeTlsChallenges());
			}
		}
	}

	private SslContextFactory.Server sslContextFactory(TlsContext context) {
		SslContextFactory.Server factory = new SslContextFactory.Server();
		factory.setSslContext(ConsumerSslContext.of(context.sslContext(), TlsConsumers.HTTP_SERVER));
		factory.setIncludeProtocols(context.protocols().toArray(String[]::new));
		factory.setExcludeProtocols();
		factory.setIncludeCipherSuites(context.cipherSuites().toArray(String[]::new));
		factory.setExcludeCipherSuites();
		factory.setWantClientAuth(this.serverTls.request());
		factory.setNeedClientAuth(this.serverTls.require());
		return factory;
	}

	private void secure(ServerConnector connector, SslContextFactory.Server sslContextFactory,
			Duration handshakeTimeout, AcmeTlsChallenges challenges) {
		HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
		HttpConfiguration configuration = http.getHttpConfiguration();
		configuration.setSecureScheme("https");
		configuration.setSecurePort(connector.getPort());
		configuration.addCustomizer(new SecureRequestCustomizer());
		List<ConnectionFactory> after = this.serverTls.http2() ? JettyHttp2.connectionFactories(http, challenges)
				: List.of(http);
		List<ConnectionFactory> factories = new ArrayList<>();
		factories.add(new HandshakeTimeoutSslConnectionFactory(sslContextFactory, after.get(0).getProtocol(),
				handshakeTimeout, challenges));
		factories.addAll(after);
		connector.setConnectionFactories(factories);
	}

	/**
	 * TLS whose handshake must complete within a timeout, counted from the accept. Jetty's own bound is the
	 * connector's idle timeout (30 s unless {@code server.jetty.connection-idle-timeout} says otherwise), which each
	 * byte a client sends starts again.
	 */
	private static final class HandshakeTimeoutSslConnectionFactory extends SslConnectionFactory {

		private final Duration timeout;

		private final AcmeTlsChallenges challenges;

		HandshakeTimeoutSslConnectionFactory(SslContextFactory.Server sslContextFactory, String next,
				Duration timeout, AcmeTlsChallenges challenges) {
			super(sslContextFactory, next);
			this.timeout = timeout;
			this.challenges = challenges;
		}

		@Override
		protected SslConnection newSslConnection(Connector connector, EndPoint endPoint, SSLEngine engine) {
			// Jetty makes its engines with the client's address, as a client's would be: they have no selector yet.
			if (this.challenges.isEnabled()) {
				this.challenges.answerOn(engine);
			}
			SslConnection connection = super.newSslConnection(connector, endPoint, engine);
			Scheduler.Task expiry = connector.getScheduler()
				.schedule(() -> endPoint.close(new TimeoutException(
						"TLS handshake not completed within " + this.timeout + " (handshake-timeout)")), this.timeout);
			connection.addHandshakeListener(new HandshakeEnd(expiry));
			return connection;
		}

	}

	/** Cancels a connection's expiry once its handshake is over, either way. */
	private record HandshakeEnd(Scheduler.Task expiry) implements SslHandshakeListener {

		@Override
		public void handshakeSucceeded(Event event) {
			this.expiry.cancel();
		}

		@Override
		public void handshakeFailed(Event event, Throwable failure) {
			this.expiry.cancel();
		}

	}

}
