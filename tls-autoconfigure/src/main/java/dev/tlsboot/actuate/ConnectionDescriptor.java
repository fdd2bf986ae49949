package dev.tlsboot.actuate;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.option.TlsRole;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.observe.TrackedConnection.Failure;
import dev.tlsboot.core.observe.TrackedConnection.State;
import dev.tlsboot.core.status.ConnectionInfo;

/**
 * One entry of the connection registry as {@code /actuator/tls/connections} lists it.
 *
 * @param id the connection's id, for {@code /actuator/tls/connections/{id}}
 * @param context the name of its context
 * @param consumer which library made it ({@code redis}, {@code http-server}, {@code http-client}, ...), or
 * {@code null} when not known
 * @param role which end this side plays
 * @param state where it is in its life
 * @param localAddress this side's address as {@code host:port}, or {@code null} before the handshake
 * @param remoteAddress the peer's address as {@code host:port}, or {@code null} before the handshake
 * @param servername the SNI host name sent or received, or {@code null}
 * @param protocol the negotiated protocol, once the handshake completed
 * @param cipher the negotiated suite's OpenSSL name, once the handshake completed
 * @param peerSubject the subject of the peer's certificate (a client's CN on a server), or {@code null} when it sent
 * none or before the handshake completed
 * @param handshakeStarted when the handshake started
 * @param handshakeDuration how long it took, once it completed or failed
 * @param bytesIn application bytes received
 * @param bytesOut application bytes sent
 * @param failure why the handshake failed, explained, or {@code null}
 */
public record ConnectionDescriptor(@Nullable long id, String context, @Nullable String consumer, TlsRole role, State state, String localAddress,
		@Nullable String remoteAddress, @Nullable String servername, @Nullable String protocol, String cipher, String peerSubject,
		@Nullable Instant handshakeStarted, Duration handshakeDuration, long bytesIn, long bytesOut, Failure failure) {

	/**
	 * Describe a registry entry.
	 * @param connection the entry
	 * @return its description
	 */
	public static ConnectionDescriptor of(TrackedConnection connection) {
		Optional<ConnectionInfo> info = connection.connection();
		return new ConnectionDescriptor(connection.id(), connection.context(), connection.consumer(),
				connection.role(), connection.state(),
				address(connection.localAddress()), address(connection.remoteAddress()), connection.serverName(),
				info.map(ConnectionInfo::protocol).orElse(null), info.map(ConnectionInfo::cipher).orElse(null),
				connection.peerSubject(), connection.handshakeStarted(), connection.handshakeDuration(),
				connection.bytesIn(), connection.bytesOut(), connection.failure().orElse(null));
	}

	private static String address(InetSocketAddress address) {
		return (address != null) ? address.getHostString() + ":" + address.getPort() : null;
	}

}
