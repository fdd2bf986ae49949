package dev.tlsboot.autoconfigure.acme;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * {@link TlsAcmeProperties} for a native image: it is bound by hand from an environment post-processor, before any
 * bean exists. Kept beside it, as {@code TlsRuntimeHints} cannot name this package without a package cycle.
 */
class TlsAcmeRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindableRuntimeHintsRegistrar.forTypes(TlsAcmeProperties.class).registerHints(hints, classLoader);
	}

}
