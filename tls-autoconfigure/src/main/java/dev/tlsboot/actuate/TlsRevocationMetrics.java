package dev.tlsboot.actuate;

import java.util.Locale;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.revocation.RevocationChecker;
import dev.tlsboot.core.status.RevocationStatus;

/**
 * {@code tls.revocation.checks}: the answers the revocation sources of each context gave, tagged {@code context},
 * {@code source} ({@code crlfile}, {@code ocsp}, {@code crldp}) and {@code outcome} ({@code good}, {@code revoked},
 * {@code unknown}). Only contexts that check revocation have them.
 */
public class TlsRevocationMetrics implements MeterBinder {

	private final TlsContexts contexts;

	/**
	 * @param contexts the contexts whose checks to count
	 */
	public TlsRevocationMetrics(TlsContexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		// revocation() is empty, without making a context of the default options, when revocation is off
		for (TlsContext context : this.contexts.asMap().values()) {
			context.revocation().ifPresent((checker) -> bind(registry, context.name(), checker));
		}
	}

	private static void bind(MeterRegistry registry, String context, RevocationChecker checker) {
		for (String source : checker.sourceKinds()) {
			for (RevocationStatus.State outcome : RevocationStatus.State.values()) {
				FunctionCounter.builder("tls.revocation.checks", checker, (counted) -> counted.answers(source, outcome))
					.description("Answers of a TLS context's revocation sources about peer certificates")
					.tags("context", context, "source", source, "outcome", outcome.name().toLowerCase(Locale.ROOT))
					.register(registry);
			}
		}
	}

}
