package dev.tlsboot.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import dev.tlsboot.core.observe.ConnectionObserver;

/**
 * An SSLContext as one library sees it: the given SSLContext (a {@link TlsContext}'s, or a
 * {@link RoutingSslContext}), with every socket, accepted socket and engine it makes named as that library's
 * {@link ConnectionObserver#consumer(Object, String) consumer}, so that the registry, the endpoint and the handshake
 * metrics say which library made each connection. One view serves every library that takes an SSLContext (the JDK
 * HttpClient, Apache, Jetty, {@code HttpURLConnection}, Tomcat) without a hook in each:
 * <pre>{@code
 * SSLContext forJetty = ConsumerSslContext.of(context.sslContext(), TlsConsumers.HTTP_SERVER);
 * }</pre>
 * Everything else, sessions and parameters included, is the given SSLContext's; what it makes unobserved is handed
 * out as it is.
 */
public final class ConsumerSslContext {

	private ConsumerSslContext() {
	}

	/**
	 * @param sslContext the SSLContext the library is given
	 * @param consumer the library's name, see {@link dev.tlsboot.core.observe.TlsConsumers}
	 * @return a view of {@code sslContext} that names {@code consumer} on each connection
	 */
	public static SSLContext of(SSLContext sslContext, String consumer) {
		return new SSLContext(new Spi(sslContext, consumer), sslContext.getProvider(), sslContext.getProtocol()) {
		};
	}

	private static <T> T named(T socketOrEngine, String consumer) {
		ConnectionObserver.consumer(socketOrEngine, consumer);
		return socketOrEngine;
	}

	private static final class Spi extends SSLContextSpi {

		private final SSLContext delegate;

		private final String consumer;

		private final SSLSocketFactory socketFactory;

		private final SSLServerSocketFactory serverSocketFactory;

		Spi(SSLContext delegate, String consumer) {
			this.delegate = delegate;
			this.consumer = consumer;
			// Made once, as the delegate's are: some libraries compare factories by identity to reuse connections
			this.socketFactory = new SocketFactory(delegate.getSocketFactory(), consumer);
			this.serverSocketFactory = new ServerSocketFactory(delegate.getServerSocketFactory(), consumer);
		}

		@Override
		protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random)
				throws KeyManagementException {
			throw new KeyManagementException("This SSLContext is a view of one built by TLS Boot; "
					+ "build a new TlsContext to change its material");
		}

		@Override
		protected SSLSocketFactory engineGetSocketFactory() {
			return this.socketFactory;
		}

		@Override
		protected SSLServerSocketFactory engineGetServerSocketFactory() {
			return this.serverSocketFactory;
		}

		@Override
		protected SSLEngine engineCreateSSLEngine() {
			return named(this.delegate.createSSLEngine(), this.consumer);
		}

		@Override
		protected SSLEngine engineCreateSSLEngine(String host, int port) {
			return named(this.delegate.createSSLEngine(host, port), this.consumer);
		}

		@Override
		protected SSLSessionContext engineGetServerSessionContext() {
			return this.delegate.getServerSessionContext();
		}

		@Override
		protected SSLSessionContext engineGetClientSessionContext() {
			return this.delegate.getClientSessionContext();
		}

		@Override
		protected SSLParameters engineGetDefaultSSLParameters() {
			return this.delegate.getDefaultSSLParameters();
		}

		@Override
		protected SSLParameters engineGetSupportedSSLParameters() {
			return this.delegate.getSupportedSSLParameters();
		}

	}

	private static final class SocketFactory extends SSLSocketFactory {

		private final SSLSocketFactory delegate;

		private final String consumer;

		SocketFactory(SSLSocketFactory delegate, String consumer) {
			this.delegate = delegate;
			this.consumer = consumer;
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return this.delegate.getDefaultCipherSuites();
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return this.delegate.getSupportedCipherSuites();
		}

		@Override
		public Socket createSocket() throws IOException {
			return named(this.delegate.createSocket(), this.consumer);
		}

		@Override
		public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
			return named(this.delegate.createSocket(socket, host, port, autoClose), this.consumer);
		}

		@Override
		public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
			return named(this.delegate.createSocket(socket, consumed, autoClose), this.consumer);
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return named(this.delegate.createSocket(host, port), this.consumer);
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return named(this.delegate.createSocket(host, port, localHost, localPort), this.consumer);
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return named(this.delegate.createSocket(host, port), this.consumer);
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			return named(this.delegate.createSocket(address, port, localAddress, localPort), this.consumer);
		}

	}

	private static final class ServerSocketFactory extends SSLServerSocketFactory {

		private final SSLServerSocketFactory delegate;

		private final String consumer;

		ServerSocketFactory(SSLServerSocketFactory delegate, String consumer) {
			this.delegate = delegate;
			this.consumer = consumer;
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return this.delegate.getDefaultCipherSuites();
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return this.delegate.getSupportedCipherSuites();
		}

		@Override
		public ServerSocket createServerSocket() throws IOException {
			return accepting(this.delegate.createServerSocket());
		}

		@Override
		public ServerSocket createServerSocket(int port) throws IOException {
			return accepting(this.delegate.createServerSocket(port));
		}

		@Override
		public ServerSocket createServerSocket(int port, int backlog) throws IOException {
			return accepting(this.delegate.createServerSocket(port, backlog));
		}

		@Override
		public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
			return accepting(this.delegate.createServerSocket(port, backlog, bindAddress));
		}

		private ServerSocket accepting(ServerSocket socket) throws IOException {
			return new AcceptingServerSocket((SSLServerSocket) socket,
					(accepted) -> named(accepted, this.consumer));
		}

	}

}
