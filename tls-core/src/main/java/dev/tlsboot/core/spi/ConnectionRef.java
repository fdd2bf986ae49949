package dev.tlsboot.core.spi;

import java.net.InetSocketAddress;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.option.TlsRole;

/**
 * The connection a callback is about, so that every verdict and event can be attributed to one connection (TWAPI
 * and TclTLS callbacks only get a channel name that may already be reused).
 */
public interface ConnectionRef {

	/** The connection's id, unique in its registry and growing with every connection; also shown by the endpoint. */
	long id();

	/** The name of the {@code TlsContext} the connection came from. */
	String context();

	/** Which end this side plays; final once the handshake has started. */
	TlsRole role();

	/** The peer's address, or {@code null} before the socket is connected. */
	@Nullable InetSocketAddress remoteAddress();

	/** The SNI host name: the one sent by a client, the one received by a server; {@code null} when none. */
	@Nullable String serverName();

	/**
	 * Which library made the connection, e.g. {@code redis}, {@code http-server}, {@code http-client}: told by
	 * whoever handed the library the context's engines or sockets.
	 * @return the consumer's name, or {@code null} when nobody told
	 */
	default @Nullable String consumer() {
		return null;
	}

	/** The peer as {@code host:port} (the name connected to when known, never a reverse lookup), or {@code ?}. */
	default String peer() {
		InetSocketAddress remote = remoteAddress();
		return (remote != null) ? remote.getHostString() + ":" + remote.getPort() : "?";
	}

}
