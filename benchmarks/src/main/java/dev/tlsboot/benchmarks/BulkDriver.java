package dev.tlsboot.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.net.ssl.SSLSocket;

import dev.tlsboot.benchmarks.Case.Contender;
import dev.tlsboot.benchmarks.Case.Unit;
import dev.tlsboot.core.TlsProtocol;

/**
 * Bulk throughput on one connection: the client writes {@value #WRITE_SIZE}-byte buffers for the iteration's time,
 * the server reads and drops them. Each iteration opens its connection and handshakes before the clock starts, and
 * the clock stops when the server has read the last byte, so bytes still in socket buffers never count as sent.
 * Cases: TLS 1.3 with each of its three suites, ECDSA P-256, no mTLS; and plain TCP. MB are 10<sup>6</sup> bytes.
 */
final class BulkDriver {

	/** The size of each write: 64 KiB. */
	static final int WRITE_SIZE = 64 * 1024;

	/** The TLS 1.3 suites, one case each. */
	static final List<String> SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
			"TLS_CHACHA20_POLY1305_SHA256");

	private BulkDriver() {
	}

	/** Every bulk case, with {@code credentials}. */
	static List<Case> cases(Credentials credentials) {
		List<Case> cases = new ArrayList<>();
		for (String suite : SUITES) {
			Setup setup = new Setup(TlsProtocol.TLS1_3, credentials, false, suite);
			cases.add(new Case("bulk", suite, Unit.MEGABYTES_PER_SECOND,
					Implementation.contenders(setup, (endpoints) -> new BulkTrial(endpoints, setup))));
		}
		cases.add(new Case("bulk", "no TLS", Unit.MEGABYTES_PER_SECOND,
				List.of(new Contender("tcp", "plain TCP", () -> new BulkTrial(Endpoints.plain(), null)))));
		return cases;
	}

	/** One implementation's server, and a client that connects once per iteration. */
	private static final class BulkTrial implements Trial {

		private final Endpoints endpoints;

		private final Setup setup;

		private final LoopbackServer server;

		private final AtomicLong received = new AtomicLong();

		private final byte[] buffer = new byte[WRITE_SIZE];

		private String negotiated = "no TLS";

		/**
		 * Start the server.
		 * @param endpoints the implementation's endpoints
		 * @param setup what the handshake must negotiate, or {@code null} for plain TCP
		 */
		BulkTrial(Endpoints endpoints, Setup setup) throws IOException {
			this.endpoints = endpoints;
			this.setup = setup;
			this.server = LoopbackServer.start(endpoints.bind(), this::drain);
			ThreadLocalRandom.current().nextBytes(this.buffer);
		}

		@Override
		public Sample run(Budget budget) throws IOException, TimeoutException {
			long writes = 0;
			double seconds;
			try (Socket socket = this.endpoints.connect(this.server.port())) {
				if (socket instanceof SSLSocket tls) {
					tls.startHandshake();
					this.negotiated = this.setup.check(tls.getSession());
				}
				long before = this.received.get();
				OutputStream out = socket.getOutputStream();
				long start = System.nanoTime();
				while (budget.allows(start, writes)) {
					out.write(this.buffer);
					writes++;
				}
				out.flush();
				awaitReceived(before + writes * WRITE_SIZE);
				seconds = (System.nanoTime() - start) / 1e9;
			}
			this.server.check();
			return new Sample(writes * WRITE_SIZE / 1e6 / seconds, writes);
		}

		/** The server's side: read until the client closes. */
		private void drain(Socket socket) throws IOException {
			InputStream in = socket.getInputStream();
			byte[] sink = new byte[WRITE_SIZE];
			for (int read = in.read(sink); read >= 0; read = in.read(sink)) {
				this.received.addAndGet(read);
			}
		}

		private void awaitReceived(long total) throws TimeoutException {
			long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Endpoints.TIMEOUT_MILLIS);
			while (this.received.get() < total) {
				if (System.nanoTime() > deadline) {
					throw new TimeoutException("The server read " + this.received.get() + " of " + total + " bytes");
				}
				LockSupport.parkNanos(50_000);
			}
		}

		@Override
		public String detail() {
			return this.negotiated;
		}

		@Override
		public void close() throws IOException {
			this.server.close();
		}

	}

}
