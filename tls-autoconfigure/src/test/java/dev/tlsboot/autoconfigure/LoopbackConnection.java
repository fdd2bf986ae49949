package dev.tlsboot.autoconfigure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLSocket;

import dev.tlsboot.core.TlsContext;

/**
 * One TLS connection on 127.0.0.1 between a server socket of one context and a client of another, for tests: the
 * server answers one line in upper case and closes when the client does. Every wait is bounded.
 */
public final class LoopbackConnection implements AutoCloseable {

	private static final int TIMEOUT_MILLIS = 10_000;

	private final ServerSocket serverSocket;

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	private final Future<?> served;

	private SSLSocket client;

	private LoopbackConnection(TlsContext server) throws IOException {
		this.serverSocket = server.serverSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
		this.serverSocket.setSoTimeout(TIMEOUT_MILLIS);
		this.served = this.executor.submit(this::serve);
	}

	/**
	 * Connect a client of {@code client} to a server of {@code server} and exchange a line.
	 * @param server the server's context
	 * @param client the client's context
	 * @return the connection, open
	 * @throws IOException the client's failure, once the server side is done too
	 */
	public static LoopbackConnection open(TlsContext server, TlsContext client) throws IOException {
		LoopbackConnection connection = new LoopbackConnection(server);
		try {
			connection.client = client.connect("127.0.0.1", connection.serverSocket.getLocalPort());
			connection.client.setSoTimeout(TIMEOUT_MILLIS);
			connection.client.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
			connection.client.getOutputStream().flush();
			new BufferedReader(new InputStreamReader(connection.client.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			return connection;
		}
		catch (IOException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	/** The client's socket. */
	public SSLSocket client() {
		return this.client;
	}

	/** Close the client, and wait until the server side has closed too. */
	@Override
	public void close() throws IOException {
		try {
			if (this.client != null) {
				this.client.close();
			}
			this.served.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The loopback server did not finish", ex);
		}
		finally {
			this.serverSocket.close();
			this.executor.shutdownNow();
		}
	}

	private Void serve() {
		try (Socket socket = this.serverSocket.accept()) {
			socket.setSoTimeout(TIMEOUT_MILLIS);
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			String line = in.readLine();
			if (line != null) {
				OutputStream out = socket.getOutputStream();
				out.write((line.toUpperCase(Locale.ROOT) + "\n").getBytes(StandardCharsets.US_ASCII));
				out.flush();
				while (in.read() != -1) {
					// until the client closes
				}
			}
		}
		catch (IOException ex) {
			// a failed handshake: the registry and the listeners have it
		}
		return null;
	}

}
