package dev.tlsboot.benchmarks;

import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import dev.tlsboot.benchmarks.Case.Unit;
import dev.tlsboot.core.option.TlsProtocol;

/**
 * Whole handshakes over loopback, not JMH: one client connects again and again to a server on 127.0.0.1, one
 * connection at a time. Each connection is a handshake, one byte each way and a close; the client reads the
 * server's byte before it closes, so TLS 1.3 session tickets, which arrive after the handshake, are in. Cases: TLS
 * 1.3 and 1.2, ECDSA P-256 and RSA-2048, mTLS off and on, full and resumed. Socket implementations run on a
 * {@link LoopbackServer}, Netty's on a {@link NettyLoopback}; both are an {@link Exchanger} to the same trial.
 * <p>
 * Resumption is checked on the wire, not taken from what an implementation reports (Conscrypt's session times have
 * whole seconds only): a resumed handshake carries no server certificate, so a connection counts as resumed when
 * its client received fewer bytes than in the trial's first connection, which is always full, by at least half the
 * certificate's encoded size. Full handshakes make the client invalidate its session after each connection, and,
 * where that is not enough, keep no sessions at all ({@link Endpoints#disableResumption()}); a run fails if any of
 * them resumed. Resumed handshakes keep the session cache; the first connection of a trial fills it
 * and is not measured, and a run fails if fewer than {@value #MIN_RESUMED_PERCENT} % of its connections resumed.
 * Whether a client certificate was sent is checked where it arrives, on the server.
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
						String name = setup.name() + " " + mode.name().toLowerCase(Locale.ROOT);
						cases.add(new Case("handshake", name, Unit.HANDSHAKES_PER_SECOND,
								Implementation.contenders("handshake " + name, setup,
										(endpoints) -> new HandshakeTrial(new SocketExchanger(endpoints), setup,
												mode),
										(netty) -> new HandshakeTrial(netty.exchanger(), setup, mode))));
					}
				}
			}
		}
		return cases;
	}

	/** Whether the peer of {@code session} presented a certificate. */
	static boolean hasPeerCertificate(SSLSession session) {
		try {
			return session.getPeerCertificates().length > 0;
		}
		catch (SSLPeerUnverifiedException ex) {
			return false;
		}
	}

	/** Whether sessions may be resumed. */
	enum Mode {

		/**
		 * Every handshake full: the client invalidates its session after each connection; BoringSSL clients, which
		 * keep TLS 1.3 tickets apart from that session, keep no sessions.
		 */
		FULL,

		/** Handshakes resume the session the client cached. */
		RESUMED

	}

	/** One implementation's client and server, making connections one at a time. */
	interface Exchanger extends AutoCloseable {

		/**
		 * One connection: handshake, one byte each way, close.
		 * @param forget whether the client invalidates its session afterwards, so that the next handshake is full
		 * @return what the connection showed
		 */
		Exchange exchange(boolean forget) throws Exception;

		/** As {@link Endpoints#disableResumption()}: called before the first connection of full handshakes. */
		void disableResumption();

		/** Throws when any connection failed on the server's side. */
		void check() throws IOException;

		/** As {@link Endpoints#tls13SuiteChooser()}. */
		String suiteChooser();

		@Override
		void close() throws Exception;

	}

	/**
	 * What one connection showed.
	 *
	 * @param session the client's session
	 * @param received the bytes the client received, up to and including the server's byte
	 * @param clientCertificate whether the server received a client certificate
	 */
	record Exchange(SSLSession session, long received, boolean clientCertificate) {
	}

	/** An {@link Exchanger} on an implementation's sockets: a {@link LoopbackServer} and its client sockets. */
	static final class SocketExchanger implements Exchanger {

		private final Endpoints endpoints;

		private final LoopbackServer server;

		private volatile boolean clientCertificate;

		SocketExchanger(Endpoints endpoints) throws IOException {
			this.endpoints = endpoints;
			this.server = LoopbackServer.start(endpoints.bind(), this::answer);
		}

		@Override
		public Exchange exchange(boolean forget) throws IOException {
			CountingSocket tcp = Endpoints.tcp(this.server.port());
			try (SSLSocket socket = (SSLSocket) this.endpoints.connect(tcp)) {
				socket.getOutputStream().write(1);
				socket.getOutputStream().flush();
				if (socket.getInputStream().read() != 1) {
					throw new EOFException("The server closed the connection without answering");
				}
				long received = tcp.received();
				SSLSession session = socket.getSession();
				if (forget) {
					session.invalidate();
				}
				return new Exchange(session, received, this.clientCertificate);
			}
		}

		/** The server's side of a connection: note the client's certificate, answer the client's byte. */
		private void answer(Socket socket) throws IOException {
			int ping = socket.getInputStream().read();
			if (ping < 0) {
				throw new EOFException("The client closed the connection before sending its byte");
			}
			this.clientCertificate = hasPeerCertificate(((SSLSocket) socket).getSession());
			socket.getOutputStream().write(ping);
			socket.getOutputStream().flush();
		}

		@Override
		public void disableResumption() {
			this.endpoints.disableResumption();
		}

		@Override
		public void check() throws IOException {
			this.server.check();
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

	/** One implementation's connections for one setup and mode. */
	static final class HandshakeTrial implements Trial {

		private final Exchanger exchanger;

		private final Mode mode;

		private final String negotiated;

		/** Below this many received bytes, the server sent no certificate: the handshake resumed. */
		private final long resumedBelow;

		private long connections;

		private long resumed;

		HandshakeTrial(Exchanger exchanger, Setup setup, Mode mode) throws Exception {
			this.exchanger = exchanger;
			this.mode = mode;
			try {
				if (mode == Mode.FULL) {
					exchanger.disableResumption();
				}
				Exchange first = exchanger.exchange(mode == Mode.FULL);
				this.negotiated = setup.check(first.session(), first.clientCertificate(), exchanger.suiteChooser());
				this.resumedBelow = first.received()
						- setup.credentials().server().certificate().getEncoded().length / 2;
			}
			catch (Exception ex) {
				exchanger.close();
				throw ex;
			}
		}

		@Override
		public Sample run(Budget budget) throws Exception {
			long start = System.nanoTime();
			long done = 0;
			long resumedNow = 0;
			while (budget.allows(start, done)) {
				resumedNow += (this.exchanger.exchange(this.mode == Mode.FULL).received() < this.resumedBelow) ? 1
						: 0;
				done++;
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			this.exchanger.check();
			this.connections += done;
			this.resumed += resumedNow;
			if ((this.mode == Mode.FULL) ? resumedNow > 0 : resumedNow * 100 < done * MIN_RESUMED_PERCENT) {
				throw new IllegalStateException(resumedNow + " of " + done + " connections resumed a session in a run "
						+ "of " + this.mode.name().toLowerCase(Locale.ROOT) + " handshakes");
			}
			return new Sample(done / seconds, done);
		}

		@Override
		public String detail() {
			return this.negotiated + "; resumed " + this.resumed + " of " + this.connections;
		}

		@Override
		public void close() throws Exception {
			this.exchanger.close();
		}

	}

}
