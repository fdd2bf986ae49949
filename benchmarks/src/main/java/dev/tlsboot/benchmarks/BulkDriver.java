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

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import dev.tlsboot.benchmarks.Case.Contender;
import dev.tlsboot.benchmarks.Case.Unit;
import dev.tlsboot.core.option.TlsProtocol;

/**
 * Bulk throughput on one connection: the client writes {@value #WRITE_SIZE}-byte buffers for the iteration's time,
 * the server reads and drops them. Each iteration opens its connection and handshakes before the clock starts, and
 * the clock stops when the server has read the last byte, so bytes still in socket buffers never count as sent.
 * Cases: TLS 1.3 with each of its three suites, ECDSA P-256, no mTLS; and plain TCP. MB are 10<sup>6</sup> bytes.
 * Socket implementations write from one thread on a {@link LoopbackServer}; Netty's, (e), on a {@link NettyLoopback}.
 * (d), Netty on the JDK provider, is left out: it moves bytes through the same JDK engine as (b).
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
					Implementation.contenders("bulk " + suite, setup,
							(endpoints) -> new BulkTrial(new SocketSender(endpoints), setup),
							(netty) -> new BulkTrial(netty.sender(), setup))
						.stream()
						// (d) moves bytes through (b)'s JDK engine; (g) is a handshake contender (ACCP's signatures)
						.filter((contender) -> !contender.key().equals(Implementation.NETTY_JDK.key())
								&& !contender.key().equals(Implementation.TLS_BOOT_ACCP.key()))
						.toList()));
		}
		cases.add(new Case("bulk", "no TLS", Unit.MEGABYTES_PER_SECOND,
				List.of(new Contender("tcp", "plain TCP", () -> new BulkTrial(new SocketSender(Endpoints.plain()),
						null)))));
		return cases;
	}

	/**
	 * Wait until the server has read {@code total} bytes, within the socket timeout.
	 * @param received the bytes the server has read so far
	 * @param total the bytes the client sent
	 */
	static void awaitReceived(AtomicLong received, long total) throws TimeoutException {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Endpoints.TIMEOUT_MILLIS);
		while (received.get() < total) {
			if (System.nanoTime() > deadline) {
				throw new TimeoutException("The server read " + received.get() + " of " + total + " bytes");
			}
			LockSupport.parkNanos(50_000);
		}
	}

	/** One implementation's client and server, moving bytes one way on one connection per run. */
	interface Sender extends AutoCloseable {

		/**
		 * Connect and handshake, then write {@value #WRITE_SIZE}-byte buffers until the budget runs out and the server
		 * has read them all, then close.
		 * @param budget the time and writes allowed
		 * @return what was sent
		 */
		Transfer send(Trial.Budget budget) throws Exception;

		/** As {@link Endpoints#tls13SuiteChooser()}. */
		String suiteChooser();

		@Override
		void close() throws Exception;

	}

	/**
	 * What one connection sent.
	 *
	 * @param session the client's session, or {@code null} without TLS
	 * @param writes how many buffers were written
	 * @param seconds from the first write until the server read the last byte
	 */
	record Transfer(SSLSession session, long writes, double seconds) {
	}

	/** A {@link Sender} on an implementation's sockets, writing from the calling thread. */
	private static final class SocketSender implements Sender {

		private final Endpoints endpoints;

		private final LoopbackServer server;

		private final AtomicLong received = new AtomicLong();

		private final byte[] buffer = new byte[WRITE_SIZE];

		SocketSender(Endpoints endpoints) throws IOException {
			this.endpoints = endpoints;
			this.server = LoopbackServer.start(endpoints.bind(), this::drain);
			ThreadLocalRandom.current().nextBytes(this.buffer);
		}

		@Override
		public Transfer send(Trial.Budget budget) throws IOException, TimeoutException {
			try (Socket socket = this.endpoints.connect(Endpoints.tcp(this.server.port()))) {
				SSLSession session = null;
				if (socket instanceof SSLSocket tls) {
					tls.startHandshake();
					session = tls.getSession();
				}
				long before = this.received.get();
				OutputStream out = socket.getOutputStream();
				long writes = 0;
				long start = System.nanoTime();
				while (budget.allows(start, writes)) {
					out.write(this.buffer);
					writes++;
				}
				out.flush();
				awaitReceived(this.received, before + writes * WRITE_SIZE);
				double seconds = (System.nanoTime() - start) / 1e9;
				this.server.check();
				return new Transfer(session, writes, seconds);
			}
		}

		/** The server's side: read until the client closes. */
		private void drain(Socket socket) throws IOException {
			InputStream in = socket.getInputStream();
			byte[] sink = new byte[WRITE_SIZE];
			for (int read = in.read(sink); read >= 0; read = in.read(sink)) {
				this.received.addAndGet(read);
			}
		}

		@Override
		public String suiteChooser() {
			return this.endpoints.tls13SuiteChooser();
		}

		@Override
		public void close() throws IOException {
			this.server.close();
		}

	}

	/** One implementation's sender for one setup, one connection per run. */
	private static final class BulkTrial implements Trial {

		private final Sender sender;

		private final Setup setup;

		private String negotiated = "no TLS";

		/**
		 * @param sender the implementation's sender
		 * @param setup what the handshake must negotiate, or {@code null} for plain TCP
		 */
		BulkTrial(Sender sender, Setup setup) {
			this.sender = sender;
			this.setup = setup;
		}

		@Override
		public Sample run(Budget budget) throws Exception {
			Transfer transfer = this.sender.send(budget);
			if (this.setup != null) {
				this.negotiated = this.setup.check(transfer.session(), false, this.sender.suiteChooser());
			}
			return new Sample(transfer.writes() * WRITE_SIZE / 1e6 / transfer.seconds(), transfer.writes());
		}

		@Override
		public String detail() {
			return this.negotiated;
		}

		@Override
		public void close() throws Exception {
			this.sender.close();
		}

	}

}
