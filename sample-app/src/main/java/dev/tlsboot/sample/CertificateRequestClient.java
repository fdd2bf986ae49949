package dev.tlsboot.sample;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javax.net.ssl.SSLSocket;

import dev.tlsboot.core.TlsContext;

/**
 * Asks the {@link CertificateRequestService} for a certificate, like {@code openssl s_client} with a typed line.
 *
 * @param context the client's TLS context: it must trust the sample's CA, and needs no certificate
 * @param host the service's host, which its certificate must name
 * @param port the service's port
 */
public record CertificateRequestClient(TlsContext context, String host, int port) {

	/** How long the answer may take in all, after the handshake (which has the context's handshake-timeout). */
	static final Duration TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Send one request and read the answer, within {@link #TIMEOUT} however the server sends it.
	 * @param request the names to certify
	 * @return the key and certificate, or empty when the service refused
	 * @throws IOException when the connection or the protocol fails, or the answer takes too long
	 */
	public Optional<Credentials> request(CertificateRequest request) throws IOException {
		try (SSLSocket socket = this.context.connect(this.host, this.port)) {
			Instant deadline = Instant.now().plus(TIMEOUT);
			RequestProtocol.writeRequest(socket.getOutputStream(), request);
			return RequestProtocol.readAnswer(new DeadlineInputStream(socket, deadline));
		}
	}

	/** A socket's input whose reads all end by one deadline, so a server that sends slowly cannot hold a client. */
	private static final class DeadlineInputStream extends FilterInputStream {

		private final Socket socket;

		private final Instant deadline;

		DeadlineInputStream(Socket socket, Instant deadline) throws IOException {
			super(socket.getInputStream());
			this.socket = socket;
			this.deadline = deadline;
		}

		@Override
		public int read() throws IOException {
			waitAtMostUntilTheDeadline();
			return super.read();
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			waitAtMostUntilTheDeadline();
			return super.read(bytes, offset, length);
		}

		private void waitAtMostUntilTheDeadline() throws IOException {
			long left = Duration.between(Instant.now(), this.deadline).toMillis();
			if (left <= 0) {
				throw new SocketTimeoutException("The certificate request service did not answer within " + TIMEOUT);
			}
			this.socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
		}

	}

}
