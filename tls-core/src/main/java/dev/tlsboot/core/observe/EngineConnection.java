package dev.tlsboot.core.observe;

import java.net.SocketAddress;

import javax.net.ssl.SSLEngine;

/**
 * The life of one connection on an engine that its {@code TlsContext}'s SSLContext did not make (Netty's OpenSSL
 * engine), told by whoever drives the engine: it started, opened, failed or closed. The registry entry, the status
 * records and the {@code TlsEventListener} events are the same as for the context's own engines. Made by
 * {@link ConnectionObserver#track}; each report after the first that ends the connection is ignored.
 */
public final class EngineConnection {

	private final SSLEngine engine;

	private final TrackedConnection connection;

	private final ConnectionObserver observer;

	EngineConnection(SSLEngine engine, TrackedConnection connection, ConnectionObserver observer) {
		this.engine = engine;
		this.connection = connection;
		this.observer = observer;
	}

	/** The connection as the registry keeps it. */
	public TrackedConnection connection() {
		return this.connection;
	}

	/**
	 * The handshake starts on a connected channel.
	 * @param local this side's address
	 * @param remote the peer's address
	 */
	public void started(SocketAddress local, SocketAddress remote) {
		this.observer.started(this.connection, this.engine, this.engine.getUseClientMode(), local, remote);
	}

	/** The handshake completed: the status is read from the engine's session and negotiated ALPN protocol. */
	public void opened() {
		this.observer.opened(this.connection, this.engine.getSession(), this.engine.getApplicationProtocol());
	}

	/**
	 * The handshake failed.
	 * @param failure what it failed with
	 */
	public void failed(Throwable failure) {
		this.observer.failed(this.connection, this.engine, failure);
	}

	/** The connection closed, or TLS was taken off it. */
	public void closed() {
		this.observer.closed(this.connection, this.engine);
	}

	@Override
	public String toString() {
		return this.connection.toString();
	}

}
