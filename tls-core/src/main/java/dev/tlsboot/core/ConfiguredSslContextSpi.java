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

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.observe.ConnectionObserver;
import dev.tlsboot.core.option.TlsRole;

/**
 * The SSLContext a {@link TlsContext} hands out: its provider's, with the context's options applied to every socket,
 * server socket and engine it makes, so that consumers that only take an SSLContext (Tomcat, Netty's JDK provider,
 * the JDK HttpClient) get the protocols, ciphers, ALPN and client certificate policy too; and, when the context
 * observes its connections, they are observed whoever uses them.
 */
final class ConfiguredSslContextSpi extends SSLContextSpi {

	private final SSLContext delegate;

	private final TlsParameters parameters;

	private final SSLSocketFactory socketFactory;

	private final SSLServerSocketFactory serverSocketFactory;

	/** Observes what the context makes, or {@code null} to hand out the provider's own sockets and engines. */
	private final ConnectionObserver observer;

	ConfiguredSslContextSpi(SSLContext delegate, TlsParameters parameters, ConnectionObserver observer) {
		this.delegate = delegate;
		this.parameters = parameters;
		this.observer = observer;
		this.socketFactory = new ClientSocketFactory(delegate.getSocketFactory());
		this.serverSocketFactory = new ServerSocketFactory(delegate.getServerSocketFactory());
	}

	/**
	 * @param observer observes what the context makes, or {@code null} to hand out the JDK's own sockets and engines
	 */
	static SSLContext wrap(SSLContext delegate, TlsParameters parameters, @Nullable ConnectionObserver observer) {
		SSLContext configured = new SSLContext(new ConfiguredSslContextSpi(delegate, parameters, observer),
				delegate.getProvider(), delegate.getProtocol()) {
		};
		if (observer != null) {
			// Engines made elsewhere for this context (Netty's OpenSSL) find the observer by the SSLContext.
			observer.watch(configured);
		}
		return configured;
	}

	@Override
	protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random)
			throws KeyManagementException {
		throw new KeyManagementException("This SSLContext was initialised by TLS Boot from its options; "
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
		SSLEngine engine = this.parameters.apply(this.delegate.createSSLEngine(), this.parameters.defaults());
		// Engines without a host are what servers make; one with a host is a client's
		return (this.observer != null) ? this.observer.engine(engine, TlsRole.SERVER, null) : engine;
	}

	@Override
	protected SSLEngine engineCreateSSLEngine(String host, int port) {
		SSLEngine engine = this.parameters.apply(this.delegate.createSSLEngine(host, port),
				this.parameters.client(host));
		return (this.observer != null) ? this.observer.engine(engine, TlsRole.CLIENT,
				this.parameters.serverName(host)) : engine;
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
		return this.parameters.defaults();
	}

	@Override
	protected SSLParameters engineGetSupportedSSLParameters() {
		return this.delegate.getSupportedSSLParameters();
	}

	/** A client socket: the parameters for {@code host} (SNI, host name check) applied, and observed. */
	private SSLSocket client(SSLSocket socket, String host) {
		this.parameters.apply(socket, this.parameters.client(host));
		return observed(socket, TlsRole.CLIENT, this.parameters.serverName(host));
	}

	/** A socket a server socket accepted, which carries the parameters already, prepared and observed. */
	private SSLSocket accepted(SSLSocket socket) {
		this.parameters.prepare(socket);
		return observed(socket, socket.getUseClientMode() ? TlsRole.CLIENT : TlsRole.SERVER, null);
	}

	private SSLSocket observed(SSLSocket socket, TlsRole role, String serverName) {
		return (this.observer != null) ? this.observer.socket(socket, role, serverName) : socket;
	}

	/**
	 * The context's client socket factory: every socket it makes carries the context's protocols, ciphers, ALPN, host
	 * name check and the SNI name for the host it connects to.
	 */
	private final class ClientSocketFactory extends SSLSocketFactory {

		private final SSLSocketFactory provided;

		ClientSocketFactory(SSLSocketFactory provided) {
			this.provided = provided;
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return ConfiguredSslContextSpi.this.parameters.cipherSuites();
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return this.provided.getSupportedCipherSuites();
		}

		@Override
		public Socket createSocket() throws IOException {
			return client((SSLSocket) this.provided.createSocket(), null);
		}

		@Override
		public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
			return client((SSLSocket) this.provided.createSocket(socket, host, port, autoClose), host);
		}

		@Override
		public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
			// This form makes a server-side socket over an accepted connection (e.g. after a peeked ClientHello).
			TlsParameters parameters = ConfiguredSslContextSpi.this.parameters;
			SSLSocket server = parameters.apply((SSLSocket) this.provided.createSocket(socket, consumed, autoClose),
					parameters.defaults());
			return observed(server, TlsRole.SERVER, null);
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return client((SSLSocket) this.provided.createSocket(host, port), host);
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return client((SSLSocket) this.provided.createSocket(host, port, localHost, localPort), host);
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return client((SSLSocket) this.provided.createSocket(host, port), HostNames.nameOf(host));
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			return client((SSLSocket) this.provided.createSocket(address, port, localAddress, localPort),
					HostNames.nameOf(address));
		}

	}

	/**
	 * The context's server socket factory: sockets it accepts carry the context's protocols, ciphers, ALPN and its
	 * client certificate policy ({@code request}: ask for one; {@code require}: refuse a client without a valid one).
	 */
	private final class ServerSocketFactory extends SSLServerSocketFactory {

		private final SSLServerSocketFactory provided;

		ServerSocketFactory(SSLServerSocketFactory provided) {
			this.provided = provided;
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return ConfiguredSslContextSpi.this.parameters.cipherSuites();
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return this.provided.getSupportedCipherSuites();
		}

		@Override
		public ServerSocket createServerSocket() throws IOException {
			return server(this.provided.createServerSocket());
		}

		@Override
		public ServerSocket createServerSocket(int port) throws IOException {
			return server(this.provided.createServerSocket(port));
		}

		@Override
		public ServerSocket createServerSocket(int port, int backlog) throws IOException {
			return server(this.provided.createServerSocket(port, backlog));
		}

		@Override
		public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
			return server(this.provided.createServerSocket(port, backlog, bindAddress));
		}

		private ServerSocket server(ServerSocket socket) throws IOException {
			SSLServerSocket server = (SSLServerSocket) socket;
			server.setSSLParameters(ConfiguredSslContextSpi.this.parameters.defaults());
			if (ConfiguredSslContextSpi.this.observer == null
					&& !ConfiguredSslContextSpi.this.parameters.preparesAcceptedSockets()) {
				return server;
			}
			return new AcceptingServerSocket(server, ConfiguredSslContextSpi.this::accepted);
		}

	}

}
