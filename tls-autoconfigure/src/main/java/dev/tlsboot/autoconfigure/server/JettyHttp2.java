package dev.tlsboot.autoconfigure.server;

import java.util.List;

import javax.net.ssl.SSLEngine;

import org.eclipse.jetty.alpn.java.server.JDK9ServerALPNProcessor;
import org.eclipse.jetty.alpn.server.ALPNServerConnection;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.ALPNProcessor;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

import dev.tlsboot.core.AcmeTlsChallenges;

/**
 * Jetty's HTTP/2 over TLS, in a class of its own so that its optional modules are only loaded when
 * {@code server.http2.enabled}.
 */
final class JettyHttp2 {

	private static final String MISSING = "HTTP/2 on Jetty over TLS (server.http2.enabled with tls.server.*) needs "
			+ "'org.eclipse.jetty.http2:jetty-http2-server' and 'org.eclipse.jetty:jetty-alpn-java-server'";

	private JettyHttp2() {
	}

	/** ALPN choosing between h2 and HTTP/1.1 (the default), then both. */
	static List<ConnectionFactory> connectionFactories(HttpConnectionFactory http, AcmeTlsChallenges challenges) {
		Assert.state(ClassUtils.isPresent("org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory", null)
				&& ClassUtils.isPresent("org.eclipse.jetty.alpn.java.server.JDK9ServerALPNProcessor", null), MISSING);
		Alpn alpn = new Alpn(challenges);
		alpn.setDefaultProtocol(http.getProtocol());
		return List.of(alpn, new HTTP2ServerConnectionFactory(http.getHttpConfiguration()), http);
	}

	/**
	 * ALPN through the JDK's own selector on every engine. Jetty's JDK processor only claims engines of the JDK's
	 * own classes, and TLS Boot's engines wrap those (to observe them) while passing the selector on.
	 */
	private static final class Alpn extends ALPNServerConnectionFactory {

		private final ALPNProcessor.Server jdk = new JDK9ServerALPNProcessor();

		private final AcmeTlsChallenges challenges;

		Alpn(AcmeTlsChallenges challenges) {
			this.challenges = challenges;
		}

		@Override
		protected AbstractConnection newServerConnection(Connector connector, EndPoint endPoint, SSLEngine engine,
				List<String> protocols, String defaultProtocol) {
			ALPNServerConnection connection = new ALPNServerConnection(connector, endPoint, engine, protocols,
					defaultProtocol);
			this.jdk.configure(engine, connection);
			if (this.challenges.isEnabled()) {
				this.challenges.answerOn(engine);
			}
			return connection;
		}

	}

}
