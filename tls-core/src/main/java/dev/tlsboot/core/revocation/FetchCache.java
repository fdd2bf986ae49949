package dev.tlsboot.core.revocation;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.tlsboot.core.option.TlsOption;

/**
 * Keeps what the network said off the handshake path: an answer is served from here until it expires, and refreshed
 * in the background once three quarters of its life have passed. A handshake waits only when nothing is cached yet,
 * and then at most the timeout; concurrent handshakes share one fetch. A failed refresh never replaces an answer
 * that is still current.
 *
 * @param <K> what an answer is about (a certificate, a URL)
 * @param <T> the kind of answer
 */
final class FetchCache<K, T> {

	private record Entry<T>(Fetched<T> fetched, Instant refreshAt) {
	}

	private final Duration timeout;

	private final BoundedMap<K, Entry<T>> entries = new BoundedMap<>();

	private final Map<K, CompletableFuture<Fetched<T>>> inFlight = new ConcurrentHashMap<>();

	/** @param timeout how long a handshake waits for an answer that is not cached yet */
	FetchCache(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * The cached answer, or a fresh one fetched within the timeout.
	 * @param key what the answer is about
	 * @param fetch starts a fetch; its future completes with the answer or the failure, never exceptionally
	 * @param what names the source in the timeout's message
	 * @return the answer, or a failure that says why there is none
	 */
	Fetched<T> get(K key, Supplier<CompletableFuture<Fetched<T>>> fetch, String what) {
		Instant now = Instant.now();
		Entry<T> entry = this.entries.get(key);
		if (entry != null && now.isBefore(entry.fetched().expires())) {
			if (!now.isBefore(entry.refreshAt())) {
				start(key, fetch);
			}
			return entry.fetched();
		}
		CompletableFuture<Fetched<T>> pending = start(key, fetch);
		try {
			return pending.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			// The fetch goes on; its answer serves the next handshake.
			return Fetched.failed(what + " gave no answer within " + this.timeout + " ('"
					+ TlsOption.REVOCATION_TIMEOUT + "')", now);
		}
		catch (ExecutionException ex) {
			return Fetched.failed(what + " failed: " + ex.getCause(), now);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Fetched.failed("interrupted while waiting for " + what, now);
		}
	}

	/** Every answer and failure kept now, by what it is about, for observation. */
	Map<K, Fetched<T>> snapshot() {
		Map<K, Fetched<T>> kept = new HashMap<>();
		this.entries.snapshot().forEach((key, entry) -> kept.put(key, entry.fetched()));
		return kept;
	}

	private CompletableFuture<Fetched<T>> start(K key, Supplier<CompletableFuture<Fetched<T>>> fetch) {
		CompletableFuture<Fetched<T>> mine = new CompletableFuture<>();
		CompletableFuture<Fetched<T>> running = this.inFlight.putIfAbsent(key, mine);
		if (running != null) {
			return running;
		}
		CompletableFuture<Fetched<T>> started;
		try {
			started = fetch.get();
		}
		catch (RuntimeException ex) {
			started = CompletableFuture.failedFuture(ex);
		}
		started.whenComplete((fetched, failure) -> {
			Fetched<T> result = (fetched != null) ? fetched : Fetched.failed(String.valueOf(failure), Instant.now());
			// Kept before the waiting handshakes wake, so that the next one finds it.
			keep(key, result);
			this.inFlight.remove(key, mine);
			mine.complete(result);
		});
		return mine;
	}

	private void keep(K key, Fetched<T> fetched) {
		Instant now = Instant.now();
		Entry<T> previous = this.entries.get(key);
		if (!fetched.ok() && previous != null && previous.fetched().ok()
				&& now.isBefore(previous.fetched().expires())) {
			return;
		}
		Duration life = Duration.between(now, fetched.expires());
		Instant refreshAt = life.isNegative() ? now : now.plus(life.multipliedBy(3).dividedBy(4));
		this.entries.put(key, new Entry<>(fetched, refreshAt));
	}

}
