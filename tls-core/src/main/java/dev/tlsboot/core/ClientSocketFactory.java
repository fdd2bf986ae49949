package dev.tlsboot.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import dev.tlsboot.core.observe.ConnectionObserver;
import dev.tlsboot.core.option.TlsRole;

/**
 * The context's client socket factory: every socket it makes carries the context's protocols, ciphers, ALPN, host
 * name check and the SNI name for the host it connects to.
 */
final class ClientSocketFactory extends SSLSocketFactory {

	private final SSLSocketFactory delegate;

	private final TlsParameters parameters;

	private final ConnectionObserver observer;

	ClientSocketFactory(SSLSocketFactory delegate, TlsParameters parameters, ConnectionObserver observer) {
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
	public Socket createSocket() throws IOException {
		return client((SSLSocket) this.delegate.createSocket(), null);
	}

	@Override
	public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
		return client((SSLSocket) this.delegate.createSocket(socket, host, port, autoClose), host);
	}

	@Override
	public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
		// This form makes a server-side socket over an accepted connection (e.g. after a peeked ClientHello).
		SSLSocket server = this.parameters.apply((SSLSocket) this.delegate.createSocket(socket, consumed, autoClose),
				this.parameters.defaults());
		return (this.observer != null) ? this.observer.socket(server, TlsRole.SERVER, null) : server;
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return client((SSLSocket) this.delegate.createSocket(host, port), host);
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return client((SSLSocket) this.delegate.createSocket(host, port, localHost, localPort), host);
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return client((SSLSocket) this.delegate.createSocket(host, port), HostNames.nameOf(host));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return client((SSLSocket) this.delegate.createSocket(address, port, localAddress, localPort),
				HostNames.nameOf(address));
	}

	private SSLSocket client(SSLSocket socket, String host) {
		this.parameters.apply(socket, this.parameters.client(host));
		return (this.observer != null) ? this.observer.socket(socket, TlsRole.CLIENT, this.parameters.serverName(host))
				: socket;
	}

}
