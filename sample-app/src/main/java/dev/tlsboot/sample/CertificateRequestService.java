package dev.tlsboot.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLServerSocketFactory;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.tlsboot.pki.IssuedCertificate;

/**
 * The certificate request service of TclTLS's example: a TLS server socket on 127.0.0.1 that issues a client
 * certificate to whoever asks for a common name not taken yet, speaking {@link RequestProtocol}. It asks for no
 * client certificate: this is where clients get one. A few worker threads serve the connections, each read waits at
 * most {@link #READ_TIMEOUT}, and connections beyond what the workers and their queue hold are closed at once.
 */
public class CertificateRequestService implements SmartLifecycle {

	/** How long a read, the handshake's included, may wait for the client. */
	static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	private static final int WORKERS = 4;

	private static final int QUEUED = 16;

	private static final Log logger = LogFactory.getLog(CertificateRequestService.class);

	private final SSLServerSocketFactory serverSocketFactory;

	private final int port;

	private final SampleKeys keys;

	private volatile ServerSocket listener;

	private ThreadPoolExecutor workers;

	private Thread acceptor;

	/**
	 * @param serverSocketFactory the factory of a TLS context with the server's certificate
	 * @param port the port on 127.0.0.1, {@code 0} for any free one
	 * @param keys the PKI that issues the certificates
	 */
	public CertificateRequestService(SSLServerSocketFactory serverSocketFactory, int port, SampleKeys keys) {
		this.serverSocketFactory = serverSocketFactory;
		this.port = port;
		this.keys = keys;
	}

	@Override
	public synchronized void start() {
		try {
			this.listener = this.serverSocketFactory.createServerSocket(this.port, QUEUED,
					InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot listen for certificate requests on 127.0.0.1:" + this.port
					+ " (set sample.request-port to another port)", ex);
		}
		this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(QUEUED), new CustomizableThreadFactory("certificate-request-"));
		this.acceptor = new Thread(this::acceptAll, "certificate-requests");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
		logger.info("Certificate request service listening on 127.0.0.1:" + port());
	}

	@Override
	public synchronized void stop() {
		try {
			this.listener.close();
			this.workers.shutdownNow();
			this.workers.awaitTermination(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			this.acceptor.join(READ_TIMEOUT.toMillis());
		}
		catch (IOException ex) {
			logger.warn("Cannot close the certificate request service's socket", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		ServerSocket listener = this.listener;
		return listener != null && !listener.isClosed();
	}

	/** The port it listens on. */
	public int port() {
		return this.listener.getLocalPort();
	}

	private void acceptAll() {
		while (!this.listener.isClosed()) {
			try {
				Socket socket = this.listener.accept();
				try {
					this.workers.execute(() -> serve(socket));
				}
				catch (RejectedExecutionException ex) {
					logger.warn("Too many certificate requests at once: closed " + socket.getRemoteSocketAddress());
					socket.close();
				}
			}
			catch (IOException ex) {
				if (!this.listener.isClosed()) {
					logger.warn("Cannot accept a certificate request: " + ex.getMessage());
				}
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			String line = readRequestLine(in);
			Optional<IssuedCertificate> issued = CertificateRequest.parse(line).flatMap(this.keys::issueClient);
			if (issued.isPresent()) {
				RequestProtocol.writeCredentials(out, Credentials.of(issued.get()));
				logger.info("Issued " + issued.get().certificate().getSubjectX500Principal().getName() + " to "
						+ socket.getRemoteSocketAddress());
			}
			else {
				RequestProtocol.writeRefusal(out);
				logger.info("Refused '" + printable(line) + "' from " + socket.getRemoteSocketAddress()
						+ ": not a valid request, or the name was taken");
			}
		}
		catch (IOException ex) {
			logger.info("Certificate request from " + socket.getRemoteSocketAddress() + " failed: " + ex);
		}
	}

	/** The request line, or an empty one (which is refused) when the client sent a line too long. */
	private static String readRequestLine(InputStream in) throws IOException {
		try {
			return RequestProtocol.readLine(in);
		}
		catch (ProtocolException ex) {
			return "";
		}
	}

	/** The line as it may go to a log: printable ASCII only. */
	private static String printable(String line) {
		return line.replaceAll("[^\\x20-\\x7E]", "?");
	}

}
