package dev.tlsboot.autoconfigure;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.spi.PasswordProvider;

/**
 * Builds the contexts {@code tls.*} describes: the default one from {@code tls.*} over TLS Boot's defaults, each
 * named one from {@code tls.contexts.<name>.*} over the default one's options. An option that cannot be used fails
 * naming the property where it was set, e.g. {@code tls.contexts.billing.keyfile}.
 */
final class TlsContextsFactory {

	private static final Log logger = LogFactory.getLog(TlsContextsFactory.class);

	private static final String PREFIX = "tls.";

	private final TlsProperties properties;

	private final @Nullable PasswordProvider passwordProvider;

	private final Consumer<TlsContext.Builder> observation;

	/**
	 * @param properties the properties
	 * @param passwordProvider asked for passwords when no {@code password} is set, or {@code null}
	 * @param observation applied to every context's builder: the registry, validators and listeners it gets
	 */
	TlsContextsFactory(TlsProperties properties, @Nullable PasswordProvider passwordProvider,
			Consumer<TlsContext.Builder> observation) {
		this.properties = properties;
		this.passwordProvider = passwordProvider;
		this.observation = observation;
	}

	/**
	 * Build every context and check that the server and client settings name existing ones.
	 * @return the contexts
	 * @throws TlsConfigurationException naming the property at fault
	 */
	TlsContexts create() {
		TlsOptions.Builder defaults = TlsOptions.defaults().toBuilder().password(this.passwordProvider);
		Set<TlsOption> setByDefault = TlsOptionsMapper.apply(this.properties, defaults);
		Map<String, UnaryOperator<String>> properties = new LinkedHashMap<>();
		properties.put(TlsProperties.DEFAULT_CONTEXT, (option) -> PREFIX + option);
		TlsContext defaultContext = create(TlsProperties.DEFAULT_CONTEXT, defaults, properties);
		List<TlsContext> contexts = new ArrayList<>(List.of(defaultContext));
		this.properties.getContexts().forEach((name, named) -> {
			String context = PREFIX + "contexts." + name;
			if (name.equals(TlsProperties.DEFAULT_CONTEXT)) {
				throw new TlsConfigurationException(context, null,
						"'default' is the name of the context that 'tls.*' configures.",
						"Give this context another name, or set its options at 'tls.*'.");
			}
			TlsOptions.Builder builder = defaultContext.options().toBuilder();
			Set<TlsOption> set = TlsOptionsMapper.apply(named, builder);
			// An inherited option is reported where it was set: at tls.* rather than in the named context.
			properties.put(name, (option) -> TlsOption.forName(option)
				.filter((inherited) -> !set.contains(inherited) && setByDefault.contains(inherited))
				.map((inherited) -> PREFIX + option + " (inherited by " + context + ")")
				.orElse(context + "." + option));
			contexts.add(create(name, builder, properties));
		});
		TlsContexts built = new TlsContexts(contexts, properties);
		checkReferences(built.names());
		return built;
	}

	private TlsContext create(String name, TlsOptions.Builder options, Map<String, UnaryOperator<String>> properties) {
		try {
			TlsContext.Builder builder = TlsContext.builder(options.build()).name(name);
			this.observation.accept(builder);
			TlsContext context = builder.build();
			logger.info(describe(context));
			warnIfExpiringSoon(context);
			return context;
		}
		catch (TlsConfigurationException ex) {
			throw ex.withOptions(properties.get(name));
		}
	}

	/** The log says at startup what the health indicator will say: a certificate to renew soon. */
	private void warnIfExpiringSoon(TlsContext context) {
		if (context.certificateChain().isEmpty()) {
			return;
		}
		X509Certificate leaf = context.certificateChain().get(0);
		Duration threshold = this.properties.getHealth().getWarningThreshold();
		Duration left = Duration.between(Instant.now(), leaf.getNotAfter().toInstant());
		if (left.compareTo(threshold) < 0) {
			logger.warn("TLS context '" + context.name() + "': certificate " + leaf.getSubjectX500Principal().getName()
					+ " expires on " + leaf.getNotAfter().toInstant() + ", in " + left.toDays() + " days (within "
					+ "tls.health.warning-threshold, " + threshold.toDays() + " days): renew it.");
		}
	}

	private static String describe(TlsContext context) {
		List<X509Certificate> chain = context.certificateChain();
		String certificate = chain.isEmpty() ? "no certificate"
				: "certificate " + chain.get(0).getSubjectX500Principal().getName() + " expires "
						+ chain.get(0).getNotAfter().toInstant();
		if (!context.isInitialized()) {
			// Asking for protocols or anchors would make what the context defers: nothing is set, so nothing to show.
			return "TLS context '" + context.name() + "': default options; " + certificate
					+ "; system trust store, loaded on first use";
		}
		return "TLS context '" + context.name() + "': protocols " + String.join(", ", context.protocols()) + "; "
				+ certificate + "; trust anchors " + context.trustAnchors().size();
	}

	private void checkReferences(Set<String> names) {
		TlsProperties.Server server = this.properties.getServer();
		TlsProperties.Client client = this.properties.getClient();
		Map<String, String> references = new LinkedHashMap<>();
		references.put("tls.server.context", server.getContext());
		references.put("tls.server.fallback", server.getFallback());
		server.getSni().forEach((host, name) -> references.put("tls.server.sni[" + host + "]", name));
		references.put("tls.client.context", client.getContext());
		client.getRoutes().forEach((host, name) -> references.put("tls.client.routes[" + host + "]", name));
		references.forEach((property, name) -> {
			if (name != null && !names.contains(name)) {
				throw new TlsConfigurationException(property, null, "there is no TLS context named '" + name + "'.",
						"Use one of " + names + ", or define it at 'tls.contexts." + name + ".*'.");
			}
		});
	}

}
