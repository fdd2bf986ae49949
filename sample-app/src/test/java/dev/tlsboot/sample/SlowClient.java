package dev.tlsboot.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;

/**
 * A client of issue #13 that holds a connection to the request service and never finishes: it connects and sends
 * nothing, or sends a ClientHello a byte at a time, or completes the handshake and sends the request line a byte at a
 * time. {@link #drip()} sends its next byte.
 */
final class SlowClient implements AutoCloseable {

	/** How it is slow. */
	enum Kind {

		/** Connects and sends nothing. */
		SILENT,

		/** Sends a ClientHello a byte at a time. */
		CLIENT_HELLO_DRIP,

		/** Completes the handshake, then sends a request line a byte at a time. */
		REQUEST_LINE_DRIP

	}

	/** What {@link Kind#REQUEST_LINE_DRIP} sends, never reaching its line break. */
	private static final byte[] LINE = "certificate slow slow@example.com".getBytes(StandardCharsets.US_ASCII);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/** The TCP connection: closing a TLS socket made by {@code startTls} leaves it open. */
	private final Socket plain;

	private final Socket socket;

	private final byte[] bytes;

	private int sent;

	private SlowClient(Socket plain, Socket socket, byte[] bytes) {
		this.plain = plain;
		this.socket = socket;
		this.bytes = bytes;
	}

	/**
	 * Connect from {@code from} (any address of 127/8), and for {@link Kind#REQUEST_LINE_DRIP} complete the handshake.
	 * @param kind how it is slow
	 * @param from the local address to connect from
	 * @param service the service
	 * @return the client, connected
	 */
	static SlowClient connect(Kind kind, InetAddress from, RequestServiceFixture service) throws IOException {
		Socket plain = new Socket();
		try {
			plain.bind(new InetSocketAddress(from, 0));
			plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), service.port()),
					(int) CONNECT_TIMEOUT.toMillis());
			return switch (kind) {
				case SILENT -> new SlowClient(plain, plain, new byte[0]);
				case CLIENT_HELLO_DRIP -> new SlowClient(plain, plain, clientHello(service));
				case REQUEST_LINE_DRIP -> new SlowClient(plain, service.client().startTls(plain, "localhost"), LINE);
			};
		}
		catch (IOException | RuntimeException ex) {
			plain.close();
			throw ex;
		}
	}

	/** The TLS record of a ClientHello the client context would send. */
	private static byte[] clientHello(RequestServiceFixture service) throws IOException {
		SSLEngine engine = service.client().clientEngine("localhost", service.port());
		engine.beginHandshake();
		ByteBuffer record = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
		SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), record);
		if (result.bytesProduced() == 0) {
			throw new IOException("No ClientHello: " + result);
		}
		return Arrays.copyOf(record.array(), result.bytesProduced());
	}

	/** Send the next byte, if any is left. */
	void drip() throws IOException {
		if (this.sent < this.bytes.length) {
			OutputStream out = this.socket.getOutputStream();
			out.write(this.bytes[this.sent++]);
			out.flush();
		}
	}

	/**
	 * Whether the service closed the connection, dripping every {@code every} meanwhile.
	 * @param every how long to wait for the close between two bytes
	 * @param atMost how long to drip and wait in all
	 * @return whether it closed within {@code atMost}
	 */
	boolean closedByService(Duration every, Duration atMost) throws IOException {
		Instant deadline = Instant.now().plus(atMost);
		this.socket.setSoTimeout((int) every.toMillis());
		InputStream in = this.socket.getInputStream();
		while (Instant.now().isBefore(deadline)) {
			try {
				drip();
				if (in.read() < 0) {
					return true;
				}
				// An alert or close_notify record comes before the end of a TLS stream
			}
			catch (SocketTimeoutException ex) {
				// still open
			}
			catch (IOException ex) {
				// reset, or TLS that ended without close_notify: closed all the same
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() throws IOException {
		try (this.plain) {
			this.socket.close();
		}
	}

}
