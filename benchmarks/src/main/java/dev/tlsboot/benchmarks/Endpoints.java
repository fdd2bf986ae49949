package dev.tlsboot.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The two ends of loopback connections, as one implementation makes them for one {@link Setup}: a server socket
 * listening on 127.0.0.1, and client sockets connected to it, not yet handshaken. Clients connect to 127.0.0.1 but
 * name the server {@value #HOST}, the name sent as SNI and checked against its certificate. Both ends turn Nagle's
 * algorithm off, as TLS servers and clients commonly do.
 */
interface Endpoints {

	/** The server's name, as clients send and check it. */
	String HOST = "localhost";

	/**
	 * The connect, accept and read timeout of every socket, in milliseconds: a bound that a healthy run never
	 * reaches.
	 */
	int TIMEOUT_MILLIS = 10_000;

	/** A server socket listening on a free port of 127.0.0.1. */
	ServerSocket bind() throws IOException;

	/**
	 * A client socket connected to the server.
	 * @param port the server's port
	 * @return the socket; TLS, if any, not handshaken yet
	 */
	Socket connect(int port) throws IOException;

	/** Plain TCP, for transfers without TLS. */
	static Endpoints plain() {
		return new Endpoints() {

			@Override
			public ServerSocket bind() throws IOException {
				return listen(ServerSocketFactory.getDefault());
			}

			@Override
			public Socket connect(int port) throws IOException {
				return tcp(port);
			}

		};
	}

	/**
	 * A server socket from {@code factory}, listening on a free port of 127.0.0.1.
	 * @param factory the factory
	 * @return the server socket, with an accept timeout
	 */
	static ServerSocket listen(ServerSocketFactory factory) throws IOException {
		ServerSocket listener = factory.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
		listener.setSoTimeout(TIMEOUT_MILLIS);
		return listener;
	}

	/**
	 * A TLS client socket from {@code factory}, over a TCP connection to {@code port} on 127.0.0.1, for
	 * {@value #HOST}.
	 * @param factory the factory
	 * @param port the server's port
	 * @return the socket, not handshaken yet; closing it closes the TCP connection
	 */
	static SSLSocket layer(SSLSocketFactory factory, int port) throws IOException {
		Socket tcp = tcp(port);
		try {
			return (SSLSocket) factory.createSocket(tcp, HOST, port, true);
		}
		catch (IOException | RuntimeException ex) {
			tcp.close();
			throw ex;
		}
	}

	private static Socket tcp(int port) throws IOException {
		Socket socket = new Socket();
		try {
			socket.setTcpNoDelay(true);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
			return socket;
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

}
