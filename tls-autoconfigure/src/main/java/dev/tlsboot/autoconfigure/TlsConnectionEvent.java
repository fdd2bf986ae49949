package dev.tlsboot.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;

import dev.tlsboot.core.option.TlsRole;
import dev.tlsboot.core.spi.ConnectionRef;
import dev.tlsboot.core.spi.TlsEventListener;
import dev.tlsboot.core.status.ConnectionInfo;

/**
 * What happened to a TLS connection of a TLS Boot context, as a {@link TlsEventListener} hears it, published to the
 * application context ({@code tls.connections.application-events}, on by default). The event names its connection
 * (the id the {@code tls} endpoint shows at {@code /actuator/tls/connections/{id}}) and peer, and carries no
 * secret. Published on the thread that drove the connection: listen quickly, or asynchronously.
 */
public class TlsConnectionEvent extends ApplicationEvent {

	/** The kind of event, TclTLS's {@code -command} callbacks. */
	public enum Type {

		/** Progress: a handshake started or completed, a connection closed, a validator's note. */
		INFO,
		/** A handshake failed; the message explains why. */
		ERROR,
		/** A handshake completed; {@link #getSession()} describes the connection. */
		SESSION

	}

	private final Type type;

	private final long connectionId;

	private final String context;

	private final TlsRole role;

	private final String peer;

	private final String major;

	private final String minor;

	private final String message;

	private final ConnectionInfo session;

	/**
	 * @param connection the connection, the event's source
	 * @param type the kind of event
	 * @param major what part of the connection, e.g. {@code handshake}
	 * @param minor what happened to it, e.g. {@code done}
	 * @param message details for a person
	 * @param session the connection's description for {@link Type#SESSION}, else {@code null}
	 */
	public TlsConnectionEvent(ConnectionRef connection, Type type, String major, String minor, String message,
			@Nullable ConnectionInfo session) {
		super(connection);
		this.type = type;
		this.connectionId = connection.id();
		this.context = connection.context();
		this.role = connection.role();
		this.peer = connection.peer();
		this.major = major;
		this.minor = minor;
		this.message = message;
		this.session = session;
	}

	/** The connection, as it is now. */
	public ConnectionRef getConnection() {
		return (ConnectionRef) getSource();
	}

	/** The kind of event. */
	public Type getType() {
		return this.type;
	}

	/** The connection's id in its registry. */
	public long getConnectionId() {
		return this.connectionId;
	}

	/** The name of the context the connection came from. */
	public String getContext() {
		return this.context;
	}

	/** Which end this side played when the event happened. */
	public TlsRole getRole() {
		return this.role;
	}

	/** The peer as {@code host:port}, or {@code ?} when not yet known. */
	public String getPeer() {
		return this.peer;
	}

	/** What part of the connection: {@code handshake}, {@code connection}, {@code verify}, {@code sni}, ... */
	public String getMajor() {
		return this.major;
	}

	/** What happened to it: {@code start}, {@code done}, {@code closed}, {@code note}, {@code failed}, ... */
	public String getMinor() {
		return this.minor;
	}

	/** Details for a person; for {@link Type#ERROR}, the cause and what to do. */
	public String getMessage() {
		return this.message;
	}

	/** The connection and its session for {@link Type#SESSION}, else {@code null}. */
	public ConnectionInfo getSession() {
		return this.session;
	}

	@Override
	public String toString() {
		return "TlsConnectionEvent [" + this.type + " #" + this.connectionId + " " + this.role + " " + this.peer
				+ " (context '" + this.context + "'): " + this.major + " " + this.minor + ": " + this.message + "]";
	}

}
