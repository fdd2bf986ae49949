package dev.tlsboot.core;

import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;

import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import dev.tlsboot.core.observe.ConnectionObserver;
import dev.tlsboot.core.observe.HandshakeFailure;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.status.ConnectionInfo;
import dev.tlsboot.core.status.TlsStatus;

/**
 * What TclTLS does to a channel, for an {@link SSLSocket} (and an {@link SSLEngine}): {@code tls::handshake},
 * {@code tls::status}, {@code tls::connection} and {@code tls::unimport}.
 * <p>
 * For a socket or engine an observing {@link TlsContext} made (the default), the status knows the context's
 * {@code request}/{@code require} policy and security level; for others it goes by the socket's own settings: a server requests a certificate when
 * it wants or needs one and requires it when it needs one, a client requires a valid server certificate (what
 * the JDK's trust managers do), and the security level is unknown.
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
	 * The peer's {@code tls::status}. Like {@link SSLSocket#getSession()}, this performs the handshake first if it
	 * has not happened yet.
	 * @param socket the socket
	 * @return the status
	 */
	public static TlsStatus status(SSLSocket socket) {
		return status(socket, false);
	}

	/**
	 * This side's {@code tls::status -local}: its own certificate, and the connection's protocol, suite and ALPN.
	 * Like {@link SSLSocket#getSession()}, this performs the handshake first if it has not happened yet.
	 * @param socket the socket
	 * @return the status
	 */
	public static TlsStatus localStatus(SSLSocket socket) {
		return status(socket, true);
	}

	private static TlsStatus status(SSLSocket socket, boolean local) {
		Policy policy = Policy.of(socket, socket.getUseClientMode(), socket.getWantClientAuth(),
				socket.getNeedClientAuth());
		return TlsStatus.of(socket, local, policy.request(), policy.require());
	}

	/**
	 * The peer's {@code tls::status}, after the engine's handshake.
	 * @param engine the engine
	 * @return the status
	 */
	public static TlsStatus status(SSLEngine engine) {
		return status(engine, false);
	}

	/**
	 * This side's {@code tls::status -local}, after the engine's handshake.
	 * @param engine the engine
	 * @return the status
	 */
	public static TlsStatus localStatus(SSLEngine engine) {
		return status(engine, true);
	}

	private static TlsStatus status(SSLEngine engine, boolean local) {
		Policy policy = Policy.of(engine, engine.getUseClientMode(), engine.getWantClientAuth(),
				engine.getNeedClientAuth());
		return TlsStatus.of(engine, local, policy.request(), policy.require());
	}

	/**
	 * The socket's {@code tls::connection}. Like {@link SSLSocket#getSession()}, this performs the handshake first if
	 * it has not started yet.
	 * @param socket the socket
	 * @return the description
	 */
	public static ConnectionInfo connection(SSLSocket socket) {
		Optional<TrackedConnection> tracked = ConnectionObserver.trackedConnection(socket);
		// Through the socket first: it may start the handshake, which sets the start time read below
		socket.getSession();
		return ConnectionInfo.of(socket, tracked.map(TrackedConnection::securityLevel).orElse(null),
				tracked.map(TrackedConnection::handshakeStarted).orElse(null));
	}

	/**
	 * The engine's {@code tls::connection}.
	 * @param engine the engine
	 * @return the description
	 */
	public static ConnectionInfo connection(SSLEngine engine) {
		Optional<TrackedConnection> tracked = ConnectionObserver.trackedConnection(engine);
		return ConnectionInfo.of(engine, tracked.map(TrackedConnection::securityLevel).orElse(null),
				tracked.map(TrackedConnection::handshakeStarted).orElse(null));
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

	/** The verification policy of a socket or engine: its context's when it has one. */
	private record Policy(boolean request, boolean require) {

		static Policy of(Object socketOrEngine, boolean client, boolean want, boolean need) {
			return ConnectionObserver.trackedConnection(socketOrEngine)
				.map((connection) -> new Policy(connection.request(), connection.require()))
				.orElseGet(() -> client ? new Policy(true, true) : new Policy(want || need, need));
		}

	}

	private static String peer(SSLSocket socket) {
		return ((socket.getInetAddress() != null) ? HostNames.nameOf(socket.getInetAddress()) : "?") + ":"
				+ socket.getPort();
	}

}
