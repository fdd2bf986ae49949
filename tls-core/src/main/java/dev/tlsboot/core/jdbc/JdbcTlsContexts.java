package dev.tlsboot.core.jdbc;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.TlsContext;

/**
 * The TLS contexts that JDBC drivers reach by name. A driver makes its SSL socket factory itself, from a class name in
 * the JDBC URL and outside any container, so the factory can only find its context in a place the whole JVM shares:
 * here. TLS Boot's Spring Boot auto-configuration registers every {@code tls.*} context as the application starts and
 * removes them as it stops; without Spring, register a context before its first connection:
 * <pre>{@code
 * TlsContext database = TlsContext.create("pg", TlsOptions.builder()
 *     .certfile("file:/etc/app/tls.crt").keyfile("file:/etc/app/tls.key").cafile("file:/etc/app/ca.crt").build());
 * JdbcTlsContexts.register(database);
 * // jdbc:postgresql://db.internal/app?sslmode=verify-full
 * //     &sslfactory=dev.tlsboot.core.jdbc.PostgresSslFactory&sslfactoryarg=pg
 * }</pre>
 * Names are per JVM (per class loader of this class): two applications in one JVM that register contexts of the same
 * name replace each other's.
 */
public final class JdbcTlsContexts {

	private static final Map<String, TlsContext> CONTEXTS = new ConcurrentHashMap<>();

	private JdbcTlsContexts() {
	}

	/**
	 * Make {@code context} reachable by its {@link TlsContext#name() name}, in place of a context registered before
	 * under that name.
	 * @param context the context
	 */
	public static void register(TlsContext context) {
		CONTEXTS.put(context.name(), context);
	}

	/**
	 * Remove {@code context}, if it is still the one registered under its name; connections already made keep it.
	 * @param context the context
	 */
	public static void unregister(TlsContext context) {
		CONTEXTS.remove(context.name(), context);
	}

	/**
	 * The context registered as {@code name}.
	 * @param name the name the JDBC URL gives, or {@code null} when it gives none
	 * @param parameter the URL parameter that names the context, for the error
	 * @return the context
	 * @throws IllegalArgumentException when no context is registered as {@code name}, naming those that are
	 */
	static TlsContext get(@Nullable String name, String parameter) {
		TlsContext context = (name != null) ? CONTEXTS.get(name) : null;
		if (context == null) {
			throw new IllegalArgumentException(notRegistered(name, parameter));
		}
		return context;
	}

	private static String notRegistered(@Nullable String name, String parameter) {
		String asked = (name != null) ? "There is no TLS Boot context named '" + name + "' (" + parameter + "=" + name
				+ " in the JDBC URL)" : "The JDBC URL names no TLS Boot context: add " + parameter + "=<context name>";
		Set<String> known = new TreeSet<>(CONTEXTS.keySet());
		if (known.isEmpty()) {
			return asked + "; no context is registered: TLS Boot's Spring Boot auto-configuration registers the tls.* "
					+ "contexts, without Spring call JdbcTlsContexts.register(context)";
		}
		return asked + "; the registered contexts are " + known;
	}

}
