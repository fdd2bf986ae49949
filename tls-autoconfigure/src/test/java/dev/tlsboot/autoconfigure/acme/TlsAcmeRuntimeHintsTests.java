package dev.tlsboot.autoconfigure.acme;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tls.acme.*} binds in a native image too, though it is bound by hand before any bean exists. */
class TlsAcmeRuntimeHintsTests {

	@Test
	void thePropertiesCanBeBoundByReflection() {
		RuntimeHints hints = new RuntimeHints();
		new TlsAcmeRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(TlsAcmeProperties.class, "setDomains"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(TlsAcmeProperties.Eab.class, "setHmacKey"))
			.accepts(hints);
	}

}
