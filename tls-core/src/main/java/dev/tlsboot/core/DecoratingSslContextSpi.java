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

/**
 * An SSLContext that hands out another's sockets, server sockets and engines, each passed through a hook on the way:
 * the socket factories, the forwarding and the refusal to be initialised again live here once, and a subclass says
 * only what it does to what is made ({@link ConfiguredSslContextSpi}: apply the options and observe;
 * {@link ConsumerSslContext}: name the library). Everything not made (sessions, supported parameters) is the
 * delegate's.
 */
abstract class DecoratingSslContextSpi extends SSLContextSpi {

	private final SSLContext delegate;

	private final SSLSocketFactory socketFactory;

	private final SSLServerSocketFactory serverSocketFactory;

	DecoratingSslContextSpi(SSLContext delegate) {
		this.delegate = delegate;
		// Made once, as the delegate's are: some libraries compare factories by identity to reuse connections
		this.socketFactory = new SocketFactory(delegate.getSocketFactory());
		this.serverSocketFactory = new ServerSocketFactory(delegate.getServerSocketFactory());
	}

	/** This SPI as an SSLContext, on the delegate's provider and protocol. */
	final SSLContext toSslContext() {
		return new SSLContext(this, this.delegate.getProvider(), this.delegate.getProtocol()) {
		};
	}

	final SSLContext delegate() {
		return this.delegate;
	}

	/**
	 * A client socket the delegate made.
	 * @param host the host it connects to, or {@code null} when not known yet
	 */
	abstract SSLSocket client(SSLSocket socket, @Nullable String host);

	/** A server-side socket the delegate made over a connection accepted elsewhere (a peeked ClientHello). */
	abstract SSLSocket serverOver(SSLSocket socket);

	/** A server socket the delegate made. */
	abstract ServerSocket server(SSLServerSocket socket) throws IOException;

	/** An engine the delegate made without a peer, as servers make them. */
	abstract SSLEngine serverEngine(SSLEngine engine);

	/** An engine the delegate made for {@code host}, as clients make them. */
	abstract SSLEngine clientEngine(SSLEngine engine, String host);

	/** The suites the factories offer by default. */
	String[] defaultCipherSuites(String[] provided) {
		return provided;
	}

	@Override
	protected final void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random)
			throws KeyManagementException {
		throw new KeyManagementException("This SSLContext was made by TLS Boot from a TlsContext; "
				+ "build a new TlsContext to change its material");
	}

	@Override
	protected final SSLSocketFactory engineGetSocketFactory() {
		return this.socketFactory;
	}

	@Override
	protected final SSLServerSocketFactory engineGetServerSocketFactory() {
		return this.serverSocketFactory;
	}

	@Override
	protected final SSLEngine engineCreateSSLEngine() {
		return serverEngine(this.delegate.createSSLEngine());
	}

	@Override
	protected final SSLEngine engineCreateSSLEngine(String host, int port) {
		return clientEngine(this.delegate.createSSLEngine(host, port), host);
	}

	@Override
	protected final SSLSessionContext engineGetServerSessionContext() {
		return this.delegate.getServerSessionContext();
	}

	@Override
	protected final SSLSessionContext engineGetClientSessionContext() {
		return this.delegate.getClientSessionContext();
	}

	@Override
	protected SSLParameters engineGetDefaultSSLParameters() {
		return this.delegate.getDefaultSSLParameters();
	}

	@Override
	protected final SSLParameters engineGetSupportedSSLParameters() {
		return this.delegate.getSupportedSSLParameters();
	}

	private final class SocketFactory extends SSLSocketFactory {

		private final SSLSocketFactory provided;

		SocketFactory(SSLSocketFactory provided) {
			this.provided = provided;
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return defaultCipherSuites(this.provided.getDefaultCipherSuites());
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
			return serverOver((SSLSocket) this.provided.createSocket(socket, consumed, autoClose));
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

	private final class ServerSocketFactory extends SSLServerSocketFactory {

		private final SSLServerSocketFactory provided;

		ServerSocketFactory(SSLServerSocketFactory provided) {
			this.provided = provided;
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return defaultCipherSuites(this.provided.getDefaultCipherSuites());
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return this.provided.getSupportedCipherSuites();
		}

		@Override
		public ServerSocket createServerSocket() throws IOException {
			return server((SSLServerSocket) this.provided.createServerSocket());
		}

		@Override
		public ServerSocket createServerSocket(int port) throws IOException {
			return server((SSLServerSocket) this.provided.createServerSocket(port));
		}

		@Override
		public ServerSocket createServerSocket(int port, int backlog) throws IOException {
			return server((SSLServerSocket) this.provided.createServerSocket(port, backlog));
		}

		@Override
		public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
			return server((SSLServerSocket) this.provided.createServerSocket(port, backlog, bindAddress));
		}

	}

}
