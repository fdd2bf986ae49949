package dev.tlsboot.core.spi;

import dev.tlsboot.core.status.ConnectionInfo;

/**
 * Hears what happens to connections, like TclTLS's {@code -command}. Every event carries its connection, so that
 * an error is always attributable. Listeners run on the thread that drove the connection (a handshake, a close):
 * return quickly. An exception a listener throws is logged and otherwise ignored.
 */
public interface TlsEventListener {

	/**
	 * Progress, like TclTLS's {@code info} callback. {@code major}/{@code minor} are {@code handshake}/{@code start},
	 * {@code handshake}/{@code done}, {@code connection}/{@code closed}, and {@code verify}, {@code sni},
	 * {@code alpn} or {@code hello} with {@code note} for a validator's {@code ACCEPT_WITH_NOTE}.
	 * @param connection the connection
	 * @param major what part of the connection
	 * @param minor what happened to it
	 * @param message details for a person
	 */
	default void info(ConnectionRef connection, String major, String minor, String message) {
	}

	/**
	 * A failed handshake, like TclTLS's {@code error} callback.
	 * @param connection the connection
	 * @param message what went wrong and what to do, as {@code HandshakeFailure} explains it
	 */
	default void error(ConnectionRef connection, String message) {
	}

	/**
	 * A completed handshake's session, like TclTLS's {@code session} callback but without its secrets: the session
	 * id is hashed, and no ticket or master key is given.
	 * @param connection the connection
	 * @param session the connection and its session as {@code tls::connection} describes them
	 */
	default void session(ConnectionRef connection, ConnectionInfo session) {
	}

}
