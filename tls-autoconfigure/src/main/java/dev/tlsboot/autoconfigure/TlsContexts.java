package dev.tlsboot.autoconfigure;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.TlsContext;

/**
 * The TLS contexts of the application by name: the default context ({@code tls.*}) and every named one
 * ({@code tls.contexts.<name>.*}), all built at startup, except a default context with nothing set, which is made
 * on first use.
 */
public final class TlsContexts {

	/** What the Spring Boot SSL bundle of each context is named with: {@code tls-<name>}. */
	private static final String BUNDLE_PREFIX = "tls-";

	private final Map<String, TlsContext> contexts;

	/** Where each context's options were set, by context name: see {@link #property(String, String)}. */
	private final Map<String, UnaryOperator<String>> properties;

	/**
	 * @param contexts the contexts, keyed by their {@link TlsContext#name() names}; one is named
	 * {@value TlsProperties#DEFAULT_CONTEXT}
	 */
	public TlsContexts(Collection<TlsContext> contexts) {
		this(contexts, Map.of());
	}

	/**
	 * @param contexts the contexts
	 * @param properties the property that set each option of a context, by context name, for those that inherit
	 * options from {@code tls.*}
	 */
	TlsContexts(Collection<TlsContext> contexts, Map<String, UnaryOperator<String>> properties) {
		this.properties = Map.copyOf(properties);
		Map<String, TlsContext> byName = new LinkedHashMap<>();
		for (TlsContext context : contexts) {
			if (byName.putIfAbsent(context.name(), context) != null) {
				throw new IllegalArgumentException("Two TLS contexts are named '" + context.name() + "'");
			}
		}
		if (!byName.containsKey(TlsProperties.DEFAULT_CONTEXT)) {
			throw new IllegalArgumentException("No TLS context is named '" + TlsProperties.DEFAULT_CONTEXT + "'");
		}
		this.contexts = Collections.unmodifiableMap(byName);
	}

	/** The default context, configured at {@code tls.*}. */
	public TlsContext getDefault() {
		return this.contexts.get(TlsProperties.DEFAULT_CONTEXT);
	}

	/**
	 * The context named {@code name}, as in {@code tls.client.context}.
	 * @param name a context name, or {@code null} for the default context
	 * @return the context
	 * @throws IllegalArgumentException when there is no such context, listing the names there are
	 */
	public TlsContext get(@Nullable String name) {
		if (name == null) {
			return getDefault();
		}
		TlsContext context = this.contexts.get(name);
		if (context == null) {
			throw new IllegalArgumentException(
					"There is no TLS context named '" + name + "'; there are " + this.contexts.keySet());
		}
		return context;
	}

	/** The names of the contexts, the default first. */
	public Set<String> names() {
		return this.contexts.keySet();
	}

	/**
	 * The property that set an option of a context, for errors: {@code tls.contexts.billing.keyfile}, {@code tls.keyfile}
	 * for the default context, or {@code tls.keyfile (inherited by tls.contexts.billing)} where the named context
	 * inherited the option.
	 * @param context a context name
	 * @param option an option name, as {@link dev.tlsboot.core.option.TlsConfigurationException#option()} gives it
	 * @return the property
	 */
	public String property(String context, String option) {
		UnaryOperator<String> property = this.properties.get(context);
		if (property != null) {
			return property.apply(option);
		}
		return context.equals(TlsProperties.DEFAULT_CONTEXT) ? "tls." + option
				: "tls.contexts." + context + "." + option;
	}

	/**
	 * The name of the Spring Boot SSL bundle of the context named {@code name}, as in
	 * {@code server.ssl.bundle=tls-web}.
	 * @param name a context name
	 * @return {@code tls-<name>}
	 */
	public static String bundleName(String name) {
		return BUNDLE_PREFIX + name;
	}

	/**
	 * The context whose SSL bundle is named {@code bundle} (see {@link #bundleName(String)}).
	 * @param bundle an SSL bundle name
	 * @return the context, or {@code null} when {@code bundle} is no context's (Spring Boot's own bundles)
	 */
	public @Nullable TlsContext forBundle(String bundle) {
		return bundle.startsWith(BUNDLE_PREFIX) ? this.contexts.get(bundle.substring(BUNDLE_PREFIX.length())) : null;
	}

	/** The contexts by name, the default first. */
	public Map<String, TlsContext> asMap() {
		return this.contexts;
	}

}
