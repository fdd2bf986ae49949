package dev.tlsboot.actuate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import org.springframework.context.ApplicationListener;

import dev.tlsboot.autoconfigure.reload.TlsContextReloadedEvent;

/**
 * {@code tls.reloads}: a counter of the times a context's files changed and were read, tagged {@code context} and
 * {@code outcome} ({@code reloaded}, or {@code refused} when the context kept its current material), fed by
 * {@link TlsContextReloadedEvent}s.
 */
public class TlsReloadMetrics implements ApplicationListener<TlsContextReloadedEvent>, MeterBinder {

	private final CompositeMeterRegistry registries = new CompositeMeterRegistry();

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
	}

	@Override
	public void onApplicationEvent(TlsContextReloadedEvent event) {
		Counter.builder("tls.reloads")
			.description("Times a TLS context's files changed and were reloaded or refused")
			.tags("context", event.getContext().name(), "outcome", event.isRefused() ? "refused" : "reloaded")
			.register(this.registries)
			.increment();
	}

}
