package dev.tlsboot.core.revocation;

import java.time.Instant;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What one fetch from the network brought: a value, or why there is none; either is kept until {@code expires}.
 *
 * @param value the response, or {@code null} when the fetch failed
 * @param error why it failed, or {@code null}
 * @param expires until when it may be used
 * @param <T> the kind of response
 */
record Fetched<T>(@Nullable T value, @Nullable String error, Instant expires) {

	static <T> Fetched<T> of(T value, Instant expires) {
		return new Fetched<>(value, null, expires);
	}

	static <T> Fetched<T> failed(String error, Instant expires) {
		return new Fetched<>(null, error, expires);
	}

	/** The same answer with its value turned into another, kept as long. */
	<U> Fetched<U> map(Function<T, U> convert) {
		return (this.value != null) ? of(convert.apply(this.value), this.expires)
				: new Fetched<>(null, this.error, this.expires);
	}

	boolean ok() {
		return this.value != null;
	}

}
