package dev.tlsboot.core.observe;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.option.TlsRole;
import dev.tlsboot.core.observe.TrackedConnection.State;

/**
 * The connections that {@code TlsContext}s handed out: every one that is not over, plus the last
 * {@link #maxTracked()} that closed or failed, so that a failure can still be looked at after the fact. Contexts
 * feed it on their own (see {@code TlsContext.Builder#registry}); everything here is thread-safe and lock-free.
 * <p>
 * An entry costs about 250 bytes of heap (measured by {@code ConnectionRegistryTests} over 100 000 closed entries
 * with addresses and a server name, JDK 17, compressed oops), plus the failure text of a failed one; the session an
 * entry keeps for its status is the one the JDK's session cache holds anyway. The default 1000 kept entries thus
 * take about 250 KB.
 * <p>
 * A handshake that failed on the server side, which no caller sees, is logged by {@code dev.tlsboot.handshake}: each
 * at DEBUG with its explanation, and at INFO at most once a minute, how many failed in that minute and why (the
 * most frequent causes first), so that a broken client or a scan shows in the log without a line per handshake.
 */
public final class ConnectionRegistry {

	/** How many closed or failed connections a registry keeps by default ({@code tls.connections.max-tracked}). */
	public static final int DEFAULT_MAX_TRACKED = 1000;

	private static final ConnectionRegistry GLOBAL = new ConnectionRegistry(DEFAULT_MAX_TRACKED, true,
			new HandshakeFailureLog());

	private static final ConnectionRegistry DISABLED = new ConnectionRegistry(0, false, new HandshakeFailureLog());

	private final int maxTracked;

	private final boolean enabled;

	private final AtomicLong ids = new AtomicLong();

	private final Map<Long, TrackedConnection> connections = new ConcurrentHashMap<>();

	private final Queue<TrackedConnection> ended = new ConcurrentLinkedQueue<>();

	private final AtomicInteger endedCount = new AtomicInteger();

	private final HandshakeFailureLog failureLog;

	/** By context: the libraries whose connections on it are not observed. */
	private final Map<String, Set<UnobservedConsumer>> unobserved = new ConcurrentHashMap<>();

	ConnectionRegistry(int maxTracked, boolean enabled, HandshakeFailureLog failureLog) {
		this.maxTracked = maxTracked;
		this.enabled = enabled;
		this.failureLog = failureLog;
	}

	/**
	 * A registry of its own.
	 * @param maxTracked how many closed or failed connections to keep, 0 for none
	 * @return the registry
	 */
	public static ConnectionRegistry create(int maxTracked) {
		if (maxTracked < 0) {
			throw new IllegalArgumentException("max-tracked must be 0 or more, not " + maxTracked);
		}
		return new ConnectionRegistry(maxTracked, true, new HandshakeFailureLog());
	}

	/** The process-wide registry that contexts use unless given another; it keeps {@value #DEFAULT_MAX_TRACKED}. */
	public static ConnectionRegistry global() {
		return GLOBAL;
	}

	/**
	 * A registry that keeps nothing. A context given it and no validators or listeners does not observe its
	 * connections at all: its sockets and engines are the JDK's own.
	 */
	public static ConnectionRegistry disabled() {
		return DISABLED;
	}

	/** Whether this registry keeps connections. */
	public boolean isEnabled() {
		return this.enabled;
	}

	/** How many closed or failed connections are kept. */
	public int maxTracked() {
		return this.maxTracked;
	}

	/** Every connection kept, oldest first. */
	public List<TrackedConnection> connections() {
		return connections((connection) -> true);
	}

	/**
	 * The connections kept that match, oldest first.
	 * @param filter which to return
	 * @return the connections
	 */
	public List<TrackedConnection> connections(Predicate<? super TrackedConnection> filter) {
		return this.connections.values()
			.stream()
			.filter(filter)
			.sorted(Comparator.comparingLong(TrackedConnection::id))
			.toList();
	}

	/**
	 * The connections kept in a state, of a context and a role, oldest first; {@code null} matches any.
	 * @param state the state, or {@code null}
	 * @param context the context's name, or {@code null}
	 * @param role the role, or {@code null}
	 * @return the connections
	 */
	public List<TrackedConnection> connections(@Nullable State state, @Nullable String context, @Nullable TlsRole role) {
		return connections((connection) -> (state == null || connection.state() == state)
				&& (context == null || context.equals(connection.context()))
				&& (role == null || connection.role() == role));
	}

	/**
	 * One connection.
	 * @param id its id
	 * @return the connection, unless it was never here or has been dropped
	 */
	public Optional<TrackedConnection> get(long id) {
		return Optional.ofNullable(this.connections.get(id));
	}

	/** How many connections kept are in each state, every state listed. */
	public Map<State, Long> countsByState() {
		Map<State, Long> counts = new EnumMap<>(State.class);
		for (State state : State.values()) {
			counts.put(state, 0L);
		}
		this.connections.values().forEach((connection) -> counts.merge(connection.state(), 1L, Long::sum));
		return counts;
	}

	/**
	 * Declare that a library makes connections on a context that this registry cannot see, so that those who look
	 * for them are told why they are missing. Declaring the same twice keeps one; a disabled registry keeps nothing.
	 * @param context the context's name
	 * @param consumer the library and why
	 */
	public void declareUnobserved(String context, UnobservedConsumer consumer) {
		if (this.enabled) {
			this.unobserved.computeIfAbsent(context, (key) -> ConcurrentHashMap.newKeySet()).add(consumer);
		}
	}

	/**
	 * The libraries {@link #declareUnobserved declared} unobserved, by context name.
	 * @return the libraries of each context that has any, contexts and libraries sorted by name
	 */
	public Map<String, List<UnobservedConsumer>> unobservedConsumers() {
		Map<String, List<UnobservedConsumer>> byContext = new TreeMap<>();
		this.unobserved.forEach((context, consumers) -> byContext.put(context, consumers.stream()
			.sorted(Comparator.comparing(UnobservedConsumer::consumer).thenComparing(UnobservedConsumer::reason))
			.toList()));
		return byContext;
	}

	TrackedConnection register(ConnectionObserver observer, TlsRole role) {
		TrackedConnection connection = new TrackedConnection(this.ids.incrementAndGet(), observer, role);
		if (this.enabled) {
			this.connections.put(connection.id(), connection);
		}
		return connection;
	}

	/** Called once when a connection closed or failed: it now waits among the last kept, oldest dropped first. */
	void ended(TrackedConnection connection) {
		if (!this.enabled) {
			return;
		}
		this.ended.add(connection);
		if (this.endedCount.incrementAndGet() > this.maxTracked) {
			TrackedConnection oldest = this.ended.poll();
			if (oldest != null) {
				this.endedCount.decrementAndGet();
				this.connections.remove(oldest.id());
			}
		}
	}

	/** Called once when a connection's handshake failed. */
	void failed(TrackedConnection connection) {
		this.failureLog.failed(connection);
	}

	@Override
	public String toString() {
		return this.enabled ? "ConnectionRegistry [" + this.connections.size() + " connections, keeping the last "
				+ this.maxTracked + " ended]" : "ConnectionRegistry [disabled]";
	}

}
