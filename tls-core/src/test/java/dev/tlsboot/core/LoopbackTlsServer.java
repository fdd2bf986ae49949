package dev.tlsboot.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A TLS server on 127.0.0.1 for tests: for each connection it completes the handshake, answers each line with the
 * line in upper case, and records what the handshake negotiated (or how it failed). Every wait is bounded.
 */
final class LoopbackTlsServer implements AutoCloseable {

	/** What one accepted connection saw. */
	record Accepted(String serverName, String alpn, String protocol, String cipherSuite, String clientSubject,
			SSLSession session, Exception failure) {
	}

	private final ServerSocket serverSocket;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final BlockingQueue<Accepted> accepted = new ArrayBlockingQueue<>(64);

	private LoopbackTlsServer(ServerSocket serverSocket) {
		this.serverSocket = serverSocket;
		this.executor.execute(this::acceptLoop);
	}

	/** A server whose sockets come from {@code context}'s server socket factory. */
	static LoopbackTlsServer start(TlsContext context) {
		try {
			return new LoopbackTlsServer(
					context.serverSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	/** The next connection's record, waiting at most 10 s. */
	Accepted nextAccepted() throws InterruptedException {
		Accepted next = this.accepted.poll(10, TimeUnit.SECONDS);
		if (next == null) {
			throw new AssertionError("The server accepted no connection within 10 s");
		}
		return next;
	}

	private void acceptLoop() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				this.executor.execute(() -> serve((SSLSocket) socket));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(SSLSocket socket) {
		try (socket) {
			socket.setSoTimeout(5000);
			try {
				socket.startHandshake();
			}
			catch (IOException ex) {
				this.accepted.add(new Accepted(null, null, null, null, null, null, ex));
				return;
			}
			SSLSession session = socket.getSession();
			this.accepted.add(new Accepted(serverName(session), socket.getApplicationProtocol(),
					session.getProtocol(), session.getCipherSuite(), clientSubject(session), session, null));
			// A short idle timeout ends the echo for peers that never close (openssl s_client -ign_eof).
			socket.setSoTimeout(1500);
			echoUpperCase(socket);
		}
		catch (IOException ex) {
			// the client went away: nothing more to record
		}
	}

	static void echoUpperCase(Socket socket) throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
		OutputStream out = socket.getOutputStream();
		for (String line = in.readLine(); line != null; line = in.readLine()) {
			out.write((line.toUpperCase(Locale.ROOT) + "\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
		}
	}

	private static String serverName(SSLSession session) {
		List<?> names = ((ExtendedSSLSession) session).getRequestedServerNames();
		return names.stream().filter(SNIHostName.class::isInstance).map((name) -> ((SNIHostName) name).getAsciiName())
				.findFirst().orElse(null);
	}

	private static String clientSubject(SSLSession session) {
		try {
			Certificate[] chain = session.getPeerCertificates();
			return ((java.security.cert.X509Certificate) chain[0]).getSubjectX500Principal().getName();
		}
		catch (SSLPeerUnverifiedException ex) {
			return null;
		}
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		this.executor.shutdownNow();
	}

}
