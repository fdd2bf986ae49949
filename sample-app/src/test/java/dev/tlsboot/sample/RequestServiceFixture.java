package dev.tlsboot.sample;

import java.nio.file.Path;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.sample.CertificateRequestService.Limits;

/**
 * A certificate request service on a free port of 127.0.0.1, its PKI in {@code directory}, its metrics in a registry
 * of its own, and a client context that trusts it.
 */
final class RequestServiceFixture implements AutoCloseable {

	private final SampleKeys keys;

	private final TlsContext client;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final CertificateRequestService service;

	RequestServiceFixture(Path directory, Limits limits) {
		this.keys = new SampleKeys(directory);
		this.keys.ensure();
		TlsContext server = TlsContext.create("server1", TlsOptions.builder()
			.certfile(file(directory, SampleKeys.SERVER + ".crt"))
			.keyfile(file(directory, SampleKeys.SERVER + ".key"))
			.build());
		this.client = TlsContext.create("client",
				TlsOptions.builder().cafile(file(directory, SampleKeys.CA + ".crt")).build());
		this.service = new CertificateRequestService(server, 0, limits, this.keys);
		this.service.bindTo(this.meters);
		this.service.start();
	}

	SampleKeys keys() {
		return this.keys;
	}

	/** A context that trusts the service, with no certificate of its own. */
	TlsContext client() {
		return this.client;
	}

	int port() {
		return this.service.port();
	}

	CertificateRequestClient requestClient() {
		return new CertificateRequestClient(this.client, "localhost", port());
	}

	/** The connections open, as the metric shows them. */
	double open() {
		return this.meters.get(CertificateRequestService.OPEN_METRIC).gauge().value();
	}

	/** The connections dropped for {@code reason}, as the metric counts them. */
	double dropped(DropReason reason) {
		return this.meters.get(CertificateRequestService.DROPPED_METRIC)
			.tag("reason", reason.tag())
			.functionCounter()
			.count();
	}

	@Override
	public void close() {
		this.service.stop();
	}

	private static String file(Path directory, String name) {
		return "file:" + directory.resolve(name);
	}

}
