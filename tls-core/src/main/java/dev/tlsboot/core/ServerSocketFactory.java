package dev.tlsboot.core;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSocket;

import dev.tlsboot.core.observe.ConnectionObserver;
import dev.tlsboot.core.option.TlsRole;

/**
 * The context's server socket factory: sockets it accepts carry the context's protocols, ciphers, ALPN and its
 * client certificate policy ({@code request}: ask for one; {@code require}: refuse a client without a valid one).
 */
final class ServerSocketFactory extends SSLServerSocketFactory {

	private final SSLServerSocketFactory delegate;

	private final TlsParameters parameters;

	private final ConnectionObserver observer;

	ServerSocketFactory(SSLServerSocketFactory delegate, TlsParameters parameters, ConnectionObserver observer) {
		this.delegate = delegate;
		this.parameters = parameters;
		this.observer = observer;
	}

	@Override
	public String[] getDefaultCipherSuites() {
		return this.parameters.cipherSuites();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.delegate.getSupportedCipherSuites();
	}

	@Override
	public ServerSocket createServerSocket() throws IOException {
		return server(this.delegate.createServerSocket());
	}

	@Override
	public ServerSocket createServerSocket(int port) throws IOException {
		return server(this.delegate.createServerSocket(port));
	}

	@Override
	public ServerSocket createServerSocket(int port, int backlog) throws IOException {
		return server(this.delegate.createServerSocket(port, backlog));
	}

	@Override
	public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
		return server(this.delegate.createServerSocket(port, backlog, bindAddress));
	}

	private ServerSocket server(ServerSocket socket) throws IOException {
		SSLServerSocket server = (SSLServerSocket) socket;
		server.setSSLParameters(this.parameters.defaults());
		if (this.observer == null && !this.parameters.preparesAcceptedSockets()) {
			return server;
		}
		return new AcceptingServerSocket(server, this::accepted);
	}

	private SSLSocket accepted(SSLSocket socket) {
		this.parameters.prepare(socket);
		return (this.observer != null)
				? this.observer.socket(socket, socket.getUseClientMode() ? TlsRole.CLIENT : TlsRole.SERVER, null)
				: socket;
	}

}
