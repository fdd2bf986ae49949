package dev.tlsboot.core.status;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * A map whose keys are compared by identity and held weakly: an entry goes when its key is collected. The JDK has
 * {@code WeakHashMap} (equality) and {@code IdentityHashMap} (strong), not both.
 */
final class WeakIdentityMap<K, V> {

	private final Map<Key<K>, V> entries = new HashMap<>();

	private final ReferenceQueue<K> collected = new ReferenceQueue<>();

	synchronized void put(K key, V value) {
		expunge();
		this.entries.put(new Key<>(key, this.collected), value);
	}

	synchronized V get(K key) {
		expunge();
		return this.entries.get(new Key<>(key, null));
	}

	private void expunge() {
		for (Object stale = this.collected.poll(); stale != null; stale = this.collected.poll()) {
			this.entries.remove(stale);
		}
	}

	private static final class Key<K> extends WeakReference<K> {

		private final int hash;

		Key(K referent, ReferenceQueue<K> queue) {
			super(referent, queue);
			this.hash = System.identityHashCode(referent);
		}

		@Override
		public boolean equals(Object other) {
			if (this == other) {
				return true;
			}
			return other instanceof Key<?> key && key.hash == this.hash && key.get() != null && key.get() == get();
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

}
