package dev.tlsboot.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

import dev.tlsboot.actuate.TlsEndpoint;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.benchmarks.Case.Contender;
import dev.tlsboot.benchmarks.Case.Unit;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.observe.ConnectionRegistry;

/**
 * The connection registry and the {@code tls} endpoint that shows it. Entries are made as a server makes them: an
 * engine from a TLS Boot context whose handshake starts (role, peer address, start time) and which then closes, so
 * that the registry keeps it among its last {@code max-tracked}. They carry no session: the session a real entry
 * keeps is the one the JDK's session cache holds anyway.
 * <ul>
 * <li>{@code registry}: bytes per closed entry, the heap in use (after {@link System#gc()}) with
 * {@value #ENTRIES} entries less the heap before, divided by {@value #ENTRIES}; one registry per iteration.</li>
 * <li>{@code endpoint}: {@link TlsEndpoint#connections} (every entry, unfiltered) and {@link TlsEndpoint#tls()}
 * with 1 000 and 10 000 entries, called directly, no HTTP and no JSON: the median call of an iteration, and its
 * 99th percentile in {@code checked}. {@link TlsContexts} is public, so the endpoint is the one an application
 * gets, with one context.</li>
 * </ul>
 */
final class RegistryDriver {

	/** The entries whose heap is measured. */
	static final int ENTRIES = 100_000;

	private RegistryDriver() {
	}

	/** The registry and endpoint cases, with {@code credentials}' server certificate. */
	static List<Case> cases(Credentials credentials) {
		List<Case> cases = new ArrayList<>();
		cases.add(new Case("registry", "bytes per closed entry, " + ENTRIES + " entries", Unit.BYTES,
				List.of(Contender.of(Implementation.TLS_BOOT, () -> new HeapTrial(credentials)))));
		for (int entries : new int[] { 1_000, 10_000 }) {
			cases.add(new Case("endpoint", "connections() at " + entries + " entries", Unit.MILLISECONDS,
					List.of(Contender.of(Implementation.TLS_BOOT, () -> new EndpointTrial(credentials, entries,
							(endpoint) -> endpoint.connections("connections", null, null, null)
								.connections()
								.size())))));
			cases.add(new Case("endpoint", "tls() at " + entries + " entries", Unit.MILLISECONDS,
					List.of(Contender.of(Implementation.TLS_BOOT, () -> new EndpointTrial(credentials, entries,
							(endpoint) -> endpoint.tls().contexts().size())))));
		}
		return cases;
	}

	/** A server context that keeps its connections in {@code registry}; {@code default}, as TlsContexts needs one. */
	private static TlsContext context(Credentials credentials, ConnectionRegistry registry) {
		return TlsContext.builder(TlsOptions.defaults())
			.name("default")
			.material(new TlsMaterial(credentials.server().keyMaterial(), List.of(credentials.root())))
			.registry(registry)
			.build();
	}

	/**
	 * Add {@code count} closed entries to the context's registry: a server engine per entry, for a peer on
	 * 127.0.0.1, whose handshake begins and which then closes.
	 */
	private static void fill(TlsContext context, int count) throws SSLException {
		for (int i = 0; i < count; i++) {
			SSLEngine engine = context.sslContext().createSSLEngine("127.0.0.1", 1024 + i % 60_000);
			engine.setUseClientMode(false);
			engine.beginHandshake();
			engine.closeOutbound();
		}
	}

	/** The heap in use after garbage collection, as steady as {@link System#gc()} makes it. */
	private static long usedHeap() {
		Runtime runtime = Runtime.getRuntime();
		for (int i = 0; i < 5; i++) {
			System.gc();
		}
		return runtime.totalMemory() - runtime.freeMemory();
	}

	/** A fresh registry of {@value #ENTRIES} entries per run; the budget does not apply, a run is one registry. */
	private static final class HeapTrial implements Trial {

		private final Credentials credentials;

		private long kept;

		HeapTrial(Credentials credentials) {
			this.credentials = credentials;
		}

		@Override
		public Sample run(Budget budget) throws SSLException {
			ConnectionRegistry registry = ConnectionRegistry.create(ENTRIES);
			TlsContext context = context(this.credentials, registry);
			long before = usedHeap();
			fill(context, ENTRIES);
			long after = usedHeap();
			this.kept = registry.connections().size();
			if (this.kept != ENTRIES) {
				throw new IllegalStateException("The registry kept " + this.kept + " of " + ENTRIES + " entries");
			}
			return new Sample((double) (after - before) / ENTRIES, 1);
		}

		@Override
		public String detail() {
			return this.kept + " entries kept, heap after System.gc()";
		}

	}

	/** The endpoint over a registry of a given size, called again and again. */
	private static final class EndpointTrial implements Trial {

		private final TlsEndpoint endpoint;

		private final ToIntFunction<TlsEndpoint> call;

		private final int entries;

		private double p99;

		private long calls;

		EndpointTrial(Credentials credentials, int entries, ToIntFunction<TlsEndpoint> call) throws SSLException {
			ConnectionRegistry registry = ConnectionRegistry.create(entries);
			TlsContext context = context(credentials, registry);
			fill(context, entries);
			this.endpoint = new TlsEndpoint(new TlsContexts(List.of(context)), registry, Duration.ofDays(30), null);
			this.call = call;
			this.entries = entries;
		}

		@Override
		public Sample run(Budget budget) {
			List<Double> millis = new ArrayList<>();
			long start = System.nanoTime();
			while (budget.allows(start, millis.size())) {
				long began = System.nanoTime();
				int size = this.call.applyAsInt(this.endpoint);
				millis.add((System.nanoTime() - began) / 1e6);
				if (size < 1) {
					throw new IllegalStateException("The endpoint answered with nothing");
				}
			}
			this.calls += millis.size();
			this.p99 = millis.stream().sorted().skip(millis.size() * 99L / 100).findFirst().orElse(Double.NaN);
			return new Sample(Runner.median(millis), millis.size());
		}

		@Override
		public String detail() {
			return "p99 " + Report.number(this.p99) + " ms in the last iteration; " + this.calls + " calls over "
					+ this.entries + " entries";
		}

	}

}
