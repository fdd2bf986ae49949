package dev.tlsboot.core.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.cipher.CipherSuite;

/**
 * One TLS connection and its session as TclTLS 2.0's {@code tls::connection} reports them, with the same names in
 * camelCase. No secret is part of it: the session id appears only as a hash, and nothing of the master secret or
 * tickets at all.
 * <p>
 * Cipher fields are filled for the suites that both OpenSSL and the JDK know (see
 * {@link dev.tlsboot.core.cipher.CipherSuite}); for others they are {@code null}.
 *
 * @param state {@code NEGOTIATING} until the first handshake completes and during a new one, then {@code OPEN},
 * and {@code CLOSED} once the socket is closed or the engine is done in both directions
 * @param servername the SNI host name the client sent: on the server as received, on the client as configured in
 * its SSL parameters; {@code null} when none (the JDK sends none for IP addresses or dotless names such as
 * {@code localhost} unless it is set explicitly)
 * @param protocol the negotiated protocol, e.g. {@code TLSv1.3}
 * @param renegotiationAllowed whether this side would renegotiate: never in TLS 1.3; before it, a JSSE client
 * always, a JSSE server unless {@code jdk.tls.rejectClientInitiatedRenegotiation} is set. Whether the peer supports
 * secure renegotiation is not exposed
 * @param securityLevel the OpenSSL-style security level TLS Boot enforces, as passed in; the JDK has none
 * @param sessionReused whether the session was resumed rather than newly negotiated: true when it was created
 * before this connection's handshake started. Without that start time, true when the JDK marked the session as
 * used again after its creation, which misses a TLS 1.2 resumption on the client and, on a server, also reports a
 * connection whose session a later connection resumed
 * @param isServer whether this side is the server
 * @param compression always {@code none}: JSSE does not implement TLS compression
 * @param expansion always {@code none}, for the same reason
 * @param caList always {@code null}: JSSE does not expose the {@code certificate_authorities} list of the handshake
 * @param cipher the suite's OpenSSL name, e.g. {@code ECDHE-RSA-AES128-GCM-SHA256}
 * @param standardName the suite's IANA name, which is also its JSSE name
 * @param algorithmBits the key bits of the bulk cipher
 * @param secretBits the secret key bits of the bulk cipher, equal to {@code algorithmBits} for every suite described
 * @param minVersion the oldest protocol the suite can be used with, e.g. {@code TLSv1.2}
 * @param cipherIsAead whether the bulk cipher is an AEAD
 * @param cipherId the suite's two-byte IANA code, e.g. {@code 0x1301}
 * @param description the suite in the layout of {@code openssl ciphers -v}
 * @param handshakeDigest the hash of the handshake transcript: {@code SHA256} or {@code SHA384}, {@code MD5-SHA1}
 * before TLS 1.2
 * @param alpn the application protocol negotiated with ALPN, or {@code null} when none was
 * @param resumable whether the session is still valid, so that a new connection could resume it
 * @param startTime when the session was created; for a resumed session that is the original handshake
 * @param timeout how long the session context keeps sessions for resumption ({@code 0}: no limit), or {@code null}
 * when the session has no context
 * @param lifetime always {@code null}: JSSE does not expose the lifetime hint of session tickets
 * @param sessionId the upper-case hex SHA-256 of the session id, so that connections sharing a session can be
 * matched without revealing the id; {@code null} when the session has no id
 * @param sessionCacheMode {@code client} or {@code server}: the JDK caches sessions on the side it plays
 */
public record ConnectionInfo(String state, @Nullable String servername, String protocol, boolean renegotiationAllowed,
		Integer securityLevel, boolean sessionReused, boolean isServer, String compression, String expansion,
		@Nullable List<String> caList, String cipher, String standardName, Integer algorithmBits, Integer secretBits,
		String minVersion, Boolean cipherIsAead, String cipherId, String description, String handshakeDigest,
		@Nullable String alpn, boolean resumable, Instant startTime, @Nullable Duration timeout, @Nullable Duration lifetime, @Nullable String sessionId,
		String sessionCacheMode) {

	/** The cipher suite of a session that has not been negotiated yet. */
	private static final String NO_SUITE = "SSL_NULL_WITH_NULL_NULL";

	/**
	 * Describe a socket's connection. Like {@link SSLSocket#getSession()}, this performs the handshake first if it has
	 * not started yet; during a handshake it describes the session being negotiated.
	 * @param socket the socket
	 * @param securityLevel the security level TLS Boot enforces on it, or {@code null} when unknown
	 * @param handshakeStarted when this connection's handshake started, for {@link #sessionReused()}; {@code null}
	 * when unknown
	 * @return the description
	 */
	public static ConnectionInfo of(SSLSocket socket, @Nullable Integer securityLevel, @Nullable Instant handshakeStarted) {
		SSLSession handshake = socket.getHandshakeSession();
		SSLSession session = (handshake != null) ? handshake : socket.getSession();
		boolean server = !socket.getUseClientMode();
		List<SNIServerName> serverNames = server ? requestedServerNames(session)
				: socket.getSSLParameters().getServerNames();
		return of(session, state(socket.isClosed(), handshake, session), server, serverNames,
				socket.getApplicationProtocol(), securityLevel, handshakeStarted);
	}

	/**
	 * Describe an engine's connection; during a handshake it describes the session being negotiated.
	 * @param engine the engine
	 * @param securityLevel the security level TLS Boot enforces on it, or {@code null} when unknown
	 * @param handshakeStarted when this connection's handshake started, for {@link #sessionReused()}; {@code null}
	 * when unknown
	 * @return the description
	 */
	public static ConnectionInfo of(SSLEngine engine, @Nullable Integer securityLevel, @Nullable Instant handshakeStarted) {
		SSLSession handshake = engine.getHandshakeSession();
		SSLSession session = (handshake != null) ? handshake : engine.getSession();
		boolean server = !engine.getUseClientMode();
		List<SNIServerName> serverNames = server ? requestedServerNames(session)
				: engine.getSSLParameters().getServerNames();
		boolean closed = engine.isInboundDone() && engine.isOutboundDone();
		return of(session, state(closed, handshake, session), server, serverNames, engine.getApplicationProtocol(),
				securityLevel, handshakeStarted);
	}

	/**
	 * Describe a connection from its session and what the session does not hold, for a connection whose socket or
	 * engine is gone (the connection registry keeps the session).
	 * @param session the connection's session
	 * @param state the connection's state, e.g. {@code OPEN}
	 * @param server whether this side is the server
	 * @param serverNames the SNI names: sent by a client, received by a server
	 * @param alpn the negotiated application protocol, or {@code null}
	 * @param securityLevel the security level TLS Boot enforces, or {@code null} when unknown
	 * @param handshakeStarted when the handshake started, or {@code null} when unknown
	 * @return the description
	 */
	public static ConnectionInfo of(SSLSession session, String state, boolean server, List<SNIServerName> serverNames,
			@Nullable String alpn, @Nullable Integer securityLevel, @Nullable Instant handshakeStarted) {
		String protocol = session.getProtocol();
		CipherSuite suite = CipherSuite.named(session.getCipherSuite()).orElse(null);
		boolean described = suite != null;
		SSLSessionContext context = session.getSessionContext();
		return new ConnectionInfo(state, servername(serverNames), protocol, renegotiationAllowed(protocol, server),
				securityLevel, reused(session, handshakeStarted), server, "none", "none", null,
				described ? suite.openSslName() : null, session.getCipherSuite(), described ? suite.bits() : null,
				described ? suite.bits() : null, described ? suite.protocol().jsseName() : null,
				described ? suite.aead() : null, described ? suite.id() : null,
				described ? suite.description() : null, described ? suite.handshakeDigest(protocol) : null,
				StatusFormat.emptyToNull(alpn), session.isValid() && !NO_SUITE.equals(session.getCipherSuite()),
				Instant.ofEpochMilli(session.getCreationTime()),
				(context != null) ? Duration.ofSeconds(context.getSessionTimeout()) : null, null,
				sessionId(session.getId()), server ? "server" : "client");
	}

	private static String state(boolean closed, SSLSession handshake, SSLSession session) {
		if (closed) {
			return "CLOSED";
		}
		return (handshake != null || NO_SUITE.equals(session.getCipherSuite())) ? "NEGOTIATING" : "OPEN";
	}

	private static List<SNIServerName> requestedServerNames(SSLSession session) {
		return (session instanceof ExtendedSSLSession extended) ? extended.getRequestedServerNames() : List.of();
	}

	private static String servername(List<SNIServerName> names) {
		if (names == null) {
			return null;
		}
		return names.stream()
			.filter((name) -> name.getType() == StandardConstants.SNI_HOST_NAME)
			.map((name) -> (name instanceof SNIHostName host) ? host : new SNIHostName(name.getEncoded()))
			.map(SNIHostName::getAsciiName)
			.findFirst()
			.orElse(null);
	}

	private static boolean renegotiationAllowed(String protocol, boolean server) {
		if (!protocol.startsWith("TLSv1") || "TLSv1.3".equals(protocol)) {
			return false;
		}
		return !server || !Boolean.getBoolean("jdk.tls.rejectClientInitiatedRenegotiation");
	}

	private static boolean reused(SSLSession session, Instant handshakeStarted) {
		if (handshakeStarted != null) {
			return session.getCreationTime() < handshakeStarted.toEpochMilli();
		}
		// The JDK moves lastAccessedTime when it resumes a session from its server cache or a TLS 1.3 ticket
		return session.getLastAccessedTime() > session.getCreationTime();
	}

	private static String sessionId(byte[] id) {
		// A hash identifies the session in logs and endpoints without handing out the id a resumption presents
		return (id == null || id.length == 0) ? null : StatusFormat.sha256Hex(id);
	}

}
