package dev.tlsboot.sample;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admits connections while fewer than a limit are open in all and from the client's address. Safe for any thread;
 * each admitted connection must be {@link #release released} once, when it closes.
 */
final class ConnectionGate {

	private final int connections;

	private final int perAddress;

	private final AtomicInteger open = new AtomicInteger();

	private final Map<InetAddress, Integer> openByAddress = new ConcurrentHashMap<>();

	/**
	 * @param connections how many may be open in all
	 * @param perAddress how many may be open from one client address
	 */
	ConnectionGate(int connections, int perAddress) {
		this.connections = connections;
		this.perAddress = perAddress;
	}

	/**
	 * Admit a connection, or tell which limit it is over.
	 * @param address the client's address
	 * @return empty when admitted, else the limit that refused it
	 */
	Optional<DropReason> admit(InetAddress address) {
		if (this.open.incrementAndGet() > this.connections) {
			this.open.decrementAndGet();
			return Optional.of(DropReason.CONNECTION_LIMIT);
		}
		// Counted first and taken back when over: two at the limit at once may both be refused, never both admitted
		if (this.openByAddress.merge(address, 1, Integer::sum) > this.perAddress) {
			release(address);
			return Optional.of(DropReason.ADDRESS_LIMIT);
		}
		return Optional.empty();
	}

	/**
	 * An admitted connection closed.
	 * @param address the client's address
	 */
	void release(InetAddress address) {
		this.openByAddress.computeIfPresent(address, (key, count) -> (count == 1) ? null : count - 1);
		this.open.decrementAndGet();
	}

	/** How many connections are open. */
	int open() {
		return this.open.get();
	}

}
