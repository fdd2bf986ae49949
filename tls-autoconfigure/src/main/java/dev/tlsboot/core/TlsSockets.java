package dev.tlsboot.core;

import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import dev.tlsboot.core.observe.HandshakeFailure;

/**
 * What TclTLS does to a channel, for an {@link SSLSocket}: {@code tls::handshake} and {@code tls::unimport}.
 */
public final class TlsSockets {

	private TlsSockets() {
	}

	/**
	 * Complete the handshake now, like {@code tls::handshake}, within {@code timeout}; the socket's own read
	 * timeout is restored afterwards. Does nothing when the handshake is already done.
	 * @param socket the socket
	 * @param timeout how long the handshake may take
	 * @throws TlsHandshakeException when the handshake fails, explaining why in plain words
	 * @throws IOException on a transport error before the handshake started
	 */
	public static void handshake(SSLSocket socket, Duration timeout) throws IOException {
		int previous = socket.getSoTimeout();
		socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
		try {
			socket.startHandshake();
		}
		catch (SSLException | SocketException | java.io.EOFException | java.net.SocketTimeoutException ex) {
			throw new TlsHandshakeException(peer(socket), HandshakeFailure.explain(ex), ex);
		}
		finally {
			if (!socket.isClosed()) {
				socket.setSoTimeout(previous);
			}
		}
	}

	/**
	 * End TLS on a socket made by {@link TlsContext#startTls}, like {@code tls::unimport}: send close_notify and
	 * wait for the peer's, then leave the plain socket under it open, so the protocol can go on in plaintext. On a
	 * socket that owns its connection this simply closes it.
	 * @param socket the TLS socket
	 * @throws IOException when the close cannot be sent
	 */
	public static void stopTls(SSLSocket socket) throws IOException {
		socket.close();
	}

	private static String peer(SSLSocket socket) {
		return ((socket.getInetAddress() != null) ? HostNames.nameOf(socket.getInetAddress()) : "?") + ":"
				+ socket.getPort();
	}

}
