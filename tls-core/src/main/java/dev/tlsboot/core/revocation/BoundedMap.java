package dev.tlsboot.core.revocation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A concurrent map of what the revocation check remembers per peer (answers, warnings, parsed extensions), emptied
 * when it reaches its bound, so that many distinct peers cannot grow it without end. Everything in it can be found
 * again, so forgetting costs a lookup, never a wrong answer.
 *
 * @param <K> what is remembered about
 * @param <V> what is remembered
 */
final class BoundedMap<K, V> {

	/** The bound of every such map. */
	static final int MAX_ENTRIES = 10_000;

	private final Map<K, V> entries = new ConcurrentHashMap<>();

	@Nullable V get(K key) {
		return this.entries.get(key);
	}

	void put(K key, V value) {
		if (this.entries.size() >= MAX_ENTRIES) {
			this.entries.clear();
		}
		this.entries.put(key, value);
	}

	void remove(K key) {
		this.entries.remove(key);
	}

	/** What is remembered now, copied. */
	Map<K, V> snapshot() {
		return Map.copyOf(this.entries);
	}

	/**
	 * The value remembered for {@code key}, or the one {@code compute} makes, remembered. Computed outside any lock
	 * (two threads may both compute it once), unlike {@code ConcurrentHashMap.computeIfAbsent}, which would hold a
	 * bin of the map during a signature check.
	 */
	V remembered(K key, Function<K, V> compute) {
		V value = this.entries.get(key);
		if (value == null) {
			value = compute.apply(key);
			put(key, value);
		}
		return value;
	}

}
