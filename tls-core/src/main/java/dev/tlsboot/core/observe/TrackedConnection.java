package dev.tlsboot.core.observe;

import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.option.TlsRole;
import dev.tlsboot.core.spi.ConnectionRef;
import dev.tlsboot.core.status.ConnectionInfo;
import dev.tlsboot.core.status.TlsStatus;

/**
 * One connection of a {@link ConnectionRegistry}: where it is in its life, who it is with, and how its handshake
 * went. Safe to read from any thread while the connection goes on; the status records are built when asked for,
 * from the session kept at the end of the handshake, so that tracking costs the handshake next to nothing.
 */
public final class TrackedConnection implements ConnectionRef {

	/** Where a connection is in its life, TWAPI's {@code tls_state}. */
	public enum State {

		/** A client that has not started its handshake. */
		CLIENTINIT,
		/** A server that has not started its handshake. */
		SERVERINIT,
		/** The handshake is under way. */
		NEGOTIATING,
		/** The handshake completed; data flows. */
		OPEN,
		/** Closed by either side, after or before a handshake. */
		CLOSED,
		/** The handshake failed: see {@link #failure()}. */
		FAILED;

		/** Whether the connection is over: it stays in its registry only as one of the last closed or failed. */
		public boolean ended() {
			return this == CLOSED || this == FAILED;
		}

	}

	/**
	 * Why a handshake failed.
	 * @param exception the class name of what the handshake threw
	 * @param message its message
	 * @param alert the TLS alert sent or received, e.g. {@code handshake_failure (received)}, or {@code null} when
	 * none is known
	 * @param explanation the cause in plain words
	 */
	public record Failure(String exception, String message, @Nullable String alert, HandshakeFailure explanation) {

		static Failure of(Throwable failure) {
			return new Failure(failure.getClass().getName(), failure.getMessage(),
					HandshakeFailure.alert(failure).orElse(null), HandshakeFailure.explain(failure));
		}

	}

	private static final AtomicReferenceFieldUpdater<TrackedConnection, State> STATE = AtomicReferenceFieldUpdater
		.newUpdater(TrackedConnection.class, State.class, "state");

	private final long id;

	private final ConnectionObserver observer;

	private volatile TlsRole role;

	private volatile State state;

	private volatile InetSocketAddress localAddress;

	private volatile InetSocketAddress remoteAddress;

	private volatile String serverName;

	private volatile @Nullable String consumer;

	private volatile Instant handshakeStarted;

	private long startNanos;

	private volatile Duration handshakeDuration;

	// Each direction is written by one thread at a time (the reader, the writer); volatile makes it visible.
	private volatile long bytesIn;

	private volatile long bytesOut;

	private volatile SSLSession session;

	private volatile String alpn;

	private volatile Failure failure;

	private volatile List<String> notes;

	TrackedConnection(long id, ConnectionObserver observer, TlsRole role) {
		this.id = id;
		this.observer = observer;
		this.role = role;
		this.state = (role == TlsRole.CLIENT) ? State.CLIENTINIT : State.SERVERINIT;
	}

	@Override
	public long id() {
		return this.id;
	}

	@Override
	public String context() {
		return this.observer.context();
	}

	@Override
	public TlsRole role() {
		return this.role;
	}

	@Override
	public @Nullable String consumer() {
		return this.consumer;
	}

	/** Where the connection is in its life. */
	public State state() {
		return this.state;
	}

	/** This side's address, or {@code null} before the handshake started. */
	public @Nullable InetSocketAddress localAddress() {
		return this.localAddress;
	}

	/** Whether this side asks the peer for a certificate: its context's {@code request} for its role. */
	public boolean request() {
		return this.observer.request(this.role);
	}

	/** Whether this side requires a valid peer certificate: its context's {@code require} for its role. */
	public boolean require() {
		return this.observer.require(this.role);
	}

	/** The security level its context enforces. */
	public int securityLevel() {
		return this.observer.securityLevel();
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return this.remoteAddress;
	}

	@Override
	public String serverName() {
		return this.serverName;
	}

	/** When the handshake started, or {@code null} before. */
	public @Nullable Instant handshakeStarted() {
		return this.handshakeStarted;
	}

	/** How long the handshake took, or {@code null} until it completed or failed. */
	public @Nullable Duration handshakeDuration() {
		return this.handshakeDuration;
	}

	/** Application bytes received so far (plaintext, after decryption). */
	public long bytesIn() {
		return this.bytesIn;
	}

	/** Application bytes sent so far (plaintext, before encryption). */
	public long bytesOut() {
		return this.bytesOut;
	}

	/** Why the handshake failed, when it did. */
	public Optional<Failure> failure() {
		return Optional.ofNullable(this.failure);
	}

	/** The notes of validators that answered {@code ACCEPT_WITH_NOTE}, oldest first. */
	public List<String> notes() {
		List<String> notes = this.notes;
		return (notes != null) ? List.copyOf(notes) : List.of();
	}

	/**
	 * The peer's {@code tls::status}, once the handshake completed.
	 * @return the status, built now from the session
	 */
	public Optional<TlsStatus> status() {
		return status(false);
	}

	/**
	 * This side's {@code tls::status -local} (its own certificate), once the handshake completed.
	 * @return the status, built now from the session
	 */
	public Optional<TlsStatus> localStatus() {
		return status(true);
	}

	private Optional<TlsStatus> status(boolean local) {
		SSLSession session = this.session;
		if (session == null) {
			return Optional.empty();
		}
		return Optional.of(TlsStatus.of(session, this.alpn, local, request(), require()));
	}

	/**
	 * The subject of the certificate the peer presented, without building its whole status: for a list of connections
	 * that shows who each client is.
	 * @return the leaf's subject (RFC 2253), or {@code null} before the handshake completed or when the peer sent none
	 */
	public @Nullable String peerSubject() {
		SSLSession session = this.session;
		if (session == null) {
			return null;
		}
		try {
			Certificate[] chain = session.getPeerCertificates();
			return (chain.length > 0 && chain[0] instanceof X509Certificate leaf)
					? leaf.getSubjectX500Principal().getName() : null;
		}
		catch (SSLPeerUnverifiedException ex) {
			return null;
		}
	}

	/**
	 * The connection's {@code tls::connection}, once the handshake completed.
	 * @return the description, built now from the session
	 */
	public Optional<ConnectionInfo> connection() {
		SSLSession session = this.session;
		if (session == null) {
			return Optional.empty();
		}
		String name = this.serverName;
		return Optional.of(ConnectionInfo.of(session, this.state.name(), this.role == TlsRole.SERVER,
				(name != null) ? List.of(new SNIHostName(name)) : List.of(), this.alpn, this.observer.securityLevel(),
				this.handshakeStarted));
	}

	boolean start(TlsRole role, InetSocketAddress local, InetSocketAddress remote) {
		if (!STATE.compareAndSet(this, (this.role == TlsRole.CLIENT) ? State.CLIENTINIT : State.SERVERINIT,
				State.NEGOTIATING)) {
			return false;
		}
		this.role = role;
		// The transport may have told its addresses already (ConnectionObserver.located): they are the real ones.
		if (this.localAddress == null) {
			this.localAddress = local;
		}
		if (this.remoteAddress == null) {
			this.remoteAddress = remote;
		}
		this.startNanos = System.nanoTime();
		this.handshakeStarted = Instant.now();
		return true;
	}

	/** The session its handshake made, once open. */
	@Nullable SSLSession session() {
		return this.session;
	}

	void locate(@Nullable InetSocketAddress local, @Nullable InetSocketAddress remote) {
		if (local != null) {
			this.localAddress = local;
		}
		if (remote != null) {
			this.remoteAddress = remote;
		}
	}

	// open and fail write their results before the state, so that whoever sees OPEN or FAILED also sees them; a
	// close racing them leaves a CLOSED entry that still tells how its handshake went.

	boolean open(SSLSession session, String alpn, String serverName) {
		if (this.state != State.NEGOTIATING) {
			return false;
		}
		this.session = session;
		this.alpn = alpn;
		if (serverName != null) {
			this.serverName = serverName;
		}
		this.handshakeDuration = Duration.ofNanos(System.nanoTime() - this.startNanos);
		return STATE.compareAndSet(this, State.NEGOTIATING, State.OPEN);
	}

	/**
	 * Record why the handshake failed.
	 * @return the state it failed from, or {@code null} when it had opened or failed already. A connection closed
	 * before its handshake completed still fails: the driver of an engine (Netty's {@code SslHandler}) may close it
	 * before it says why.
	 */
	@Nullable State fail(Throwable failure) {
		State current = this.state;
		boolean closedUntold = current == State.CLOSED && this.session == null && this.failure == null;
		if (current == State.OPEN || current == State.FAILED || (current == State.CLOSED && !closedUntold)) {
			return null;
		}
		this.failure = Failure.of(failure);
		if (this.handshakeStarted != null) {
			this.handshakeDuration = Duration.ofNanos(System.nanoTime() - this.startNanos);
		}
		return STATE.compareAndSet(this, current, State.FAILED) ? current : null;
	}

	boolean close() {
		for (State current = this.state; !current.ended(); current = this.state) {
			if (STATE.compareAndSet(this, current, State.CLOSED)) {
				return true;
			}
		}
		return false;
	}

	ConnectionObserver observer() {
		return this.observer;
	}

	void consumer(String consumer) {
		this.consumer = consumer;
	}

	void serverName(String serverName) {
		this.serverName = serverName;
	}

	synchronized void note(String note) {
		List<String> notes = (this.notes != null) ? new ArrayList<>(this.notes) : new ArrayList<>(1);
		notes.add(note);
		this.notes = List.copyOf(notes);
	}

	void received(long bytes) {
		this.bytesIn += bytes;
	}

	void sent(long bytes) {
		this.bytesOut += bytes;
	}

	@Override
	public String toString() {
		return "#" + this.id + " " + this.role + " " + this.state + " " + peer() + " (context '" + context() + "'"
				+ ((this.consumer != null) ? ", " + this.consumer : "") + ")";
	}

}
