package dev.tlsboot.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.security.KeyManagementException;
import java.security.SecureRandom;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import dev.tlsboot.core.internal.HostPatterns;

/**
 * A client SSLContext that connects each host with the context its name routes to, so that one HTTP client can call
 * services behind different CAs, or present different client certificates per host:
 * <pre>{@code
 * SSLContext client = RoutingSslContext.of(HostPatterns.of(Map.of(
 *         "billing.internal", billing,
 *         "*.partner.example", partner), defaults));
 * }</pre>
 * Only connections whose host is known are routed (engines made with a host, sockets made with a host); anything
 * else, and every server-side use, goes to the fallback.
 */
public final class RoutingSslContext {

	private RoutingSslContext() {
	}

	/**
	 * @param routes the contexts by host pattern; its fallback is required
	 * @return an SSLContext that routes by host
	 */
	public static SSLContext of(HostPatterns<TlsContext> routes) {
		if (routes.fallback() == null) {
			throw new IllegalArgumentException("Client routes need a fallback context for the hosts they do not name");
		}
		SSLContext fallback = routes.fallback().sslContext();
		return new SSLContext(new Spi(routes), fallback.getProvider(), fallback.getProtocol()) {
		};
	}

	private static final class Spi extends SSLContextSpi {

		private final HostPatterns<TlsContext> routes;

		private final SSLContext fallback;

		private final SSLSocketFactory socketFactory;

		Spi(HostPatterns<TlsContext> routes) {
			this.routes = routes;
			this.fallback = routes.fallback().sslContext();
			this.socketFactory = new RoutingSocketFactory(routes);
		}

		@Override
		protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random)
				throws KeyManagementException {
			throw new KeyManagementException("A routing SSLContext is made of TlsContexts and cannot be initialised");
		}

		@Override
		protected SSLSocketFactory engineGetSocketFactory() {
			return this.socketFactory;
		}

		@Override
		protected SSLServerSocketFactory engineGetServerSocketFactory() {
			return this.fallback.getServerSocketFactory();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine() {
			return this.fallback.createSSLEngine();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine(String host, int port) {
			return this.routes.resolve(host).sslContext().createSSLEngine(host, port);
		}

		@Override
		protected SSLSessionContext engineGetServerSessionContext() {
			return this.fallback.getServerSessionContext();
		}

		@Override
		protected SSLSessionContext engineGetClientSessionContext() {
			return this.fallback.getClientSessionContext();
		}

		@Override
		protected SSLParameters engineGetDefaultSSLParameters() {
			return this.fallback.getDefaultSSLParameters();
		}

		@Override
		protected SSLParameters engineGetSupportedSSLParameters() {
			return this.fallback.getSupportedSSLParameters();
		}

	}

	private static final class RoutingSocketFactory extends SSLSocketFactory {

		private final HostPatterns<TlsContext> routes;

		private final SSLSocketFactory fallback;

		RoutingSocketFactory(HostPatterns<TlsContext> routes) {
			this.routes = routes;
			this.fallback = routes.fallback().socketFactory();
		}

		private SSLSocketFactory route(String host) {
			return this.routes.resolve(host).socketFactory();
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return this.fallback.getDefaultCipherSuites();
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return this.fallback.getSupportedCipherSuites();
		}

		/**
		 * An unconnected socket has no host to route by, so, as {@link javax.net.SocketFactory} does, this says it is
		 * unsupported; callers such as {@code HttpsURLConnection} then connect a plain socket and layer TLS over it
		 * with the host.
		 */
		@Override
		public Socket createSocket() throws IOException {
			SocketException unsupported = new SocketException(
					"A routing socket factory needs the host: connect a socket, then layer TLS over it");
			unsupported.initCause(new UnsupportedOperationException());
			throw unsupported;
		}

		@Override
		public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
			return route(host).createSocket(socket, host, port, autoClose);
		}

		@Override
		public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
			return this.fallback.createSocket(socket, consumed, autoClose);
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return route(host).createSocket(host, port);
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return route(host).createSocket(host, port, localHost, localPort);
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return route(HostNames.nameOf(host)).createSocket(host, port);
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			return route(HostNames.nameOf(address)).createSocket(address, port, localAddress, localPort);
		}

	}

}
