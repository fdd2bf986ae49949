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
 * listening on 127.0.0.1, and client sockets layered over TCP connections to it, not yet handshaken. Clients connect to 127.0.0.1 but
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
	 * A client socket over a TCP connection to the server, such as {@link #tcp} makes; closing it closes the TCP
	 * connection.
	 * @param tcp the connected TCP socket
	 * @return the socket; TLS, if any, not handshaken yet
	 */
	Socket connect(Socket tcp) throws IOException;

	/**
	 * Keep the client from resuming sessions, where invalidating each session it hands out is not enough: BoringSSL
	 * (Conscrypt) caches the TLS 1.3 tickets that arrive after the handshake apart from that session.
	 */
	default void disableResumption() {
	}

	/**
	 * Who chooses the TLS 1.3 suite when the setup names one: {@code null} when this implementation keeps to the
	 * setup's suite, else the library that picks among its own (Conscrypt cannot be held to one TLS 1.3 suite).
	 */
	default String tls13SuiteChooser() {
		return null;
	}

	/** Plain TCP, for transfers without TLS. */
	static Endpoints plain() {
		return new Endpoints() {

			@Override
			public ServerSocket bind() throws IOException {
				return listen(ServerSocketFactory.getDefault());
			}

			@Override
			public Socket connect(Socket tcp) {
				return tcp;
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
	 * A TLS client socket from {@code factory}, over a TCP connection to 127.0.0.1, for {@value #HOST}.
	 * @param factory the factory
	 * @param tcp the connected TCP socket, closed here if layering fails
	 * @return the socket, not handshaken yet; closing it closes the TCP connection
	 */
	static SSLSocket layer(SSLSocketFactory factory, Socket tcp) throws IOException {
		try {
			return (SSLSocket) factory.createSocket(tcp, HOST, tcp.getPort(), true);
		}
		catch (IOException | RuntimeException ex) {
			tcp.close();
			throw ex;
		}
	}

	/**
	 * A TCP connection to {@code port} on 127.0.0.1, with Nagle's algorithm off and the connect and read timeout.
	 * @param port the server's port
	 * @return the connected socket, counting the bytes it receives
	 */
	static CountingSocket tcp(int port) throws IOException {
		CountingSocket socket = new CountingSocket();
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
