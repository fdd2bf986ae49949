package dev.tlsboot.actuate;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.tlsboot.autoconfigure.acme.TlsAcme;

/**
 * {@code tls.acme.orders}: the ACME orders of the managed context since start, tagged {@code context} and
 * {@code outcome} ({@code issued}, or {@code failed} for an attempt that will be retried).
 */
public class TlsAcmeMetrics implements MeterBinder {

	private final TlsAcme acme;

	/**
	 * @param acme the ACME bean
	 */
	public TlsAcmeMetrics(TlsAcme acme) {
		this.acme = acme;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.acme.managed().ifPresent((managed) -> {
			String context = managed.context();
			FunctionCounter.builder("tls.acme.orders", this.acme, (acme) -> TlsAcme.statusOf(acme, context).issued())
				.description("ACME orders of a TLS context since start, by outcome")
				.tags("context", context, "outcome", "issued")
				.register(registry);
			FunctionCounter.builder("tls.acme.orders", this.acme, (acme) -> TlsAcme.statusOf(acme, context).failed())
				.description("ACME orders of a TLS context since start, by outcome")
				.tags("context", context, "outcome", "failed")
				.register(registry);
		});
	}

}
