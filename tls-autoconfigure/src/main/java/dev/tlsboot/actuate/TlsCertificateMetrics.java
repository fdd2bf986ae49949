package dev.tlsboot.actuate;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.status.CertificateInfo;

/**
 * {@code tls.certificate.expiry}: seconds until each certificate of each context's own chain expires, negative once
 * it has, tagged {@code context}, {@code certificate} (the serial number) and {@code subject}; like Spring Boot's
 * {@code ssl.chain.expiry} for SSL bundles.
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
			for (X509Certificate certificate : context.certificateChain()) {
				CertificateInfo info = CertificateInfo.of(certificate);
				Gauge.builder("tls.certificate.expiry", info.notAfter(), TlsCertificateMetrics::secondsLeft)
					.description("Seconds until a certificate of a TLS context expires")
					.baseUnit("seconds")
					.tags("context", context.name(), "certificate", info.serialNumber(), "subject", info.subject())
					.strongReference(true)
					.register(registry);
			}
		}
	}

	private static double secondsLeft(Instant notAfter) {
		return Duration.between(Instant.now(), notAfter).toSeconds();
	}

}
