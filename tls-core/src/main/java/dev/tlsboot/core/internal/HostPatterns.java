package dev.tlsboot.core.internal;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Values chosen by host name: exact names ({@code api.example.com}) and wildcards ({@code *.example.com}, one or
 * more labels deep), the most specific pattern first, with a fallback. Server SNI mappings and client routes use it.
 *
 * @param <T> what a host maps to
 */
public final class HostPatterns<T> {

	private final Map<String, T> exact = new LinkedHashMap<>();

	/** Wildcard suffixes with their leading dot ({@code .example.com}), longest first. */
	private final List<Map.Entry<String, T>> wildcards;

	private final T fallback;

	private HostPatterns(Map<String, T> patterns, T fallback) {
		Map<String, T> wildcards = new LinkedHashMap<>();
		patterns.forEach((pattern, value) -> {
			String normalized = normalize(pattern);
			if (normalized.startsWith("*.")) {
				wildcards.put(normalized.substring(1), Objects.requireNonNull(value, pattern));
			}
			else if (normalized.contains("*")) {
				throw new IllegalArgumentException("Host pattern '" + pattern
						+ "' is not supported: use an exact name or '*.' followed by a domain");
			}
			else {
				this.exact.put(normalized, Objects.requireNonNull(value, pattern));
			}
		});
		this.wildcards = wildcards.entrySet().stream()
			.sorted(Comparator.comparingInt((Map.Entry<String, T> entry) -> entry.getKey().length()).reversed())
			.toList();
		this.fallback = fallback;
	}

	/**
	 * @param patterns host names and {@code *.domain} wildcards, each with its value
	 * @param fallback the value for hosts no pattern matches, or {@code null}
	 * @return the mapping
	 * @throws IllegalArgumentException for a pattern with a {@code *} anywhere but at the start
	 */
	public static <T> HostPatterns<T> of(Map<String, T> patterns, @Nullable T fallback) {
		return new HostPatterns<>(patterns, fallback);
	}

	/**
	 * The value for {@code host}: its exact entry, else the longest wildcard it falls under, else the fallback.
	 * @param host a host name (case and a trailing dot do not matter), or {@code null}
	 * @return the value, or the fallback (which may be {@code null})
	 */
	public @Nullable T resolve(@Nullable String host) {
		if (host == null) {
			return this.fallback;
		}
		String name = normalize(host);
		T value = this.exact.get(name);
		if (value != null) {
			return value;
		}
		for (Map.Entry<String, T> wildcard : this.wildcards) {
			if (name.endsWith(wildcard.getKey()) && name.length() > wildcard.getKey().length()) {
				return wildcard.getValue();
			}
		}
		return this.fallback;
	}

	/** The value for hosts no pattern matches. */
	public T fallback() {
		return this.fallback;
	}

	private static String normalize(String host) {
		String name = host.strip().toLowerCase(Locale.ROOT);
		return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
	}

}
