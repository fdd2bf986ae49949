package dev.tlsboot.benchmarks;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * A TCP client socket that counts the bytes it receives, for a check on the wire that does not depend on what a TLS
 * implementation reports: a resumed handshake carries no server certificate, so its server sends fewer bytes. TLS
 * sockets layered over it read through {@link #getInputStream()}.
 */
final class CountingSocket extends Socket {

	private InputStream counting;

	private long received;

	/** The bytes read from this socket so far. */
	long received() {
		return this.received;
	}

	@Override
	public synchronized InputStream getInputStream() throws IOException {
		if (this.counting == null) {
			this.counting = new FilterInputStream(super.getInputStream()) {

				@Override
				public int read() throws IOException {
					int read = super.read();
					CountingSocket.this.received += (read >= 0) ? 1 : 0;
					return read;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					int read = super.read(buffer, offset, length);
					CountingSocket.this.received += Math.max(read, 0);
					return read;
				}

			};
		}
		return this.counting;
	}

}
