package dev.tlsboot.actuate;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.status.CertificateInfo;

/**
 * {@code tls.certificate.expiry}: seconds until each certificate of each context's own chain expires, negative once
 * it has, tagged {@code context}, {@code certificate} (the serial number) and {@code subject}; like Spring Boot's
 * {@code ssl.chain.expiry} for SSL bundles. When a context reloads, its gauges are replaced by those of the chain it
 * serves now: the old serial numbers disappear.
 */
public class TlsCertificateMetrics implements MeterBinder {

	private final TlsContexts contexts;

	/**
	 * @param contexts the contexts whose certificates to watch
	 */
	public TlsCertificateMetrics(TlsContexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (TlsContext context : this.contexts.asMap().values()) {
			MultiGauge expiry = MultiGauge.builder("tls.certificate.expiry")
				.description("Seconds until a certificate of a TLS context expires")
				.baseUnit("seconds")
				.register(registry);
			expiry.register(rows(context), true);
			context.onReload((reloaded) -> expiry.register(rows(reloaded), true));
		}
	}

	private static List<MultiGauge.Row<?>> rows(TlsContext context) {
		return context.certificateChain().stream().<MultiGauge.Row<?>>map((certificate) -> row(context, certificate))
			.toList();
	}

	private static MultiGauge.Row<?> row(TlsContext context, X509Certificate certificate) {
		CertificateInfo info = CertificateInfo.of(certificate);
		Instant notAfter = info.notAfter();
		return MultiGauge.Row.of(
				Tags.of("context", context.name(), "certificate", info.serialNumber(), "subject", info.subject()),
				() -> Duration.between(Instant.now(), notAfter).toSeconds());
	}

}
