package dev.tlsboot.core.acme;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import javax.net.ssl.SSLSocket;

import dev.tlsboot.core.TlsContext;

/** A TLS server on 127.0.0.1 that handshakes each connection and writes one byte: what ACME renews for. */
final class TlsServer implements AutoCloseable {

	private final ServerSocket socket;

	private final Thread acceptor;

	TlsServer(TlsContext context, int port) throws IOException {
		this.socket = context.serverSocketFactory().createServerSocket(port, 50, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(this::accept, "tls-server-" + port);
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				Socket accepted = this.socket.accept();
				Thread handler = new Thread(() -> serve(accepted), "tls-server-connection");
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private static void serve(Socket accepted) {
		try (accepted) {
			accepted.setSoTimeout(5000);
			((SSLSocket) accepted).startHandshake();
			accepted.getOutputStream().write('x');
			accepted.getOutputStream().flush();
		}
		catch (IOException ex) {
			// the client's failure is what tests look at
		}
	}

	int port() {
		return this.socket.getLocalPort();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
