package dev.tlsboot.benchmarks;

import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import dev.tlsboot.benchmarks.Case.Unit;
import dev.tlsboot.core.TlsProtocol;

/**
 * Whole handshakes over loopback, not JMH: one client thread connects again and again to a {@link LoopbackServer}.
 * Each connection is a handshake, one byte each way and a close; the client reads the server's byte before it
 * closes, so TLS 1.3 session tickets, which arrive after the handshake, are in. Cases: TLS 1.3 and 1.2, ECDSA P-256
 * and RSA-2048, mTLS off and on, full and resumed.
 * <p>
 * Resumption is checked, not assumed: a session counts as resumed when it was created before its connection began,
 * as only a cached one can be. Full handshakes invalidate the client's session after each connection, and a run
 * fails if any of them resumed. Resumed handshakes keep the session cache; the first connection of a trial fills it
 * and is not measured, and a run fails if fewer than {@value #MIN_RESUMED_PERCENT} % of its connections resumed.
 */
final class HandshakeDriver {

	/** How many of the connections of a resumed run must have resumed, in percent. */
	static final int MIN_RESUMED_PERCENT = 99;

	private HandshakeDriver() {
	}

	/** Every handshake case, with {@code credentials} in turn. */
	static List<Case> cases(List<Credentials> credentials) {
		List<Case> cases = new ArrayList<>();
		for (TlsProtocol protocol : List.of(TlsProtocol.TLS1_3, TlsProtocol.TLS1_2)) {
			for (Credentials credential : credentials) {
				for (boolean mutual : new boolean[] { false, true }) {
					for (Mode mode : Mode.values()) {
						Setup setup = new Setup(protocol, credential, mutual, null);
						cases.add(new Case("handshake", setup.name() + " " + mode.name().toLowerCase(Locale.ROOT),
								Unit.HANDSHAKES_PER_SECOND, Implementation.contenders(setup,
										(endpoints) -> new HandshakeTrial(endpoints, setup, mode))));
					}
				}
			}
		}
		return cases;
	}

	/** The server's side of a connection: answer the client's byte. */
	private static void answer(Socket socket) throws IOException {
		int ping = socket.getInputStream().read();
		if (ping < 0) {
			throw new EOFException("The client closed the connection before sending its byte");
		}
		socket.getOutputStream().write(ping);
		socket.getOutputStream().flush();
	}

	/** Whether sessions may be resumed. */
	enum Mode {

		/** Every handshake full: the client invalidates its session after each connection. */
		FULL,

		/** Handshakes resume the session the client cached. */
		RESUMED

	}

	/** One implementation's server and client for one setup and mode. */
	private static final class HandshakeTrial implements Trial {

		private final Endpoints endpoints;

		private final Mode mode;

		private final LoopbackServer server;

		private final String negotiated;

		private long connections;

		private long resumed;

		HandshakeTrial(Endpoints endpoints, Setup setup, Mode mode) throws IOException {
			this.endpoints = endpoints;
			this.mode = mode;
			this.server = LoopbackServer.start(endpoints.bind(), HandshakeDriver::answer);
			try {
				this.negotiated = setup.check(connect());
			}
			catch (IOException | RuntimeException ex) {
				this.server.close();
				throw ex;
			}
		}

		@Override
		public Sample run(Budget budget) throws IOException {
			long start = System.nanoTime();
			long done = 0;
			long resumedNow = 0;
			while (budget.allows(start, done)) {
				long began = System.currentTimeMillis();
				resumedNow += (connect().getCreationTime() < began) ? 1 : 0;
				done++;
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			this.server.check();
			this.connections += done;
			this.resumed += resumedNow;
			if ((this.mode == Mode.FULL) ? resumedNow > 0 : resumedNow * 100 < done * MIN_RESUMED_PERCENT) {
				throw new IllegalStateException(resumedNow + " of " + done + " connections resumed a session in a run "
						+ "of " + this.mode.name().toLowerCase(Locale.ROOT) + " handshakes");
			}
			return new Sample(done / seconds, done);
		}

		/** One connection: handshake, one byte each way, close. */
		private SSLSession connect() throws IOException {
			try (SSLSocket socket = (SSLSocket) this.endpoints.connect(this.server.port())) {
				socket.getOutputStream().write(1);
				socket.getOutputStream().flush();
				if (socket.getInputStream().read() != 1) {
					throw new EOFException("The server closed the connection without answering");
				}
				SSLSession session = socket.getSession();
				if (this.mode == Mode.FULL) {
					session.invalidate();
				}
				return session;
			}
		}

		@Override
		public String detail() {
			return this.negotiated + "; resumed " + this.resumed + " of " + this.connections;
		}

		@Override
		public void close() throws IOException {
			this.server.close();
		}

	}

}
