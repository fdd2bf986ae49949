package dev.tlsboot.core.observe;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The streams of an {@link ObservedSocket}: they start the handshake where its outcome is seen, and count bytes. */
final class ObservedStreams {

	private ObservedStreams() {
	}

	static final class Input extends FilterInputStream {

		private final ObservedSocket socket;

		Input(InputStream in, ObservedSocket socket) {
			super(in);
			this.socket = socket;
		}

		@Override
		public int read() throws IOException {
			this.socket.beforeData();
			int read = this.in.read();
			if (read >= 0) {
				this.socket.connection().received(1);
			}
			return read;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			this.socket.beforeData();
			int read = this.in.read(buffer, offset, length);
			if (read > 0) {
				this.socket.connection().received(read);
			}
			return read;
		}

		@Override
		public void close() throws IOException {
			try {
				this.in.close();
			}
			finally {
				this.socket.streamClosed();
			}
		}

	}

	static final class Output extends FilterOutputStream {

		private final ObservedSocket socket;

		Output(OutputStream out, ObservedSocket socket) {
			super(out);
			this.socket = socket;
		}

		@Override
		public void write(int b) throws IOException {
			this.socket.beforeData();
			this.out.write(b);
			this.socket.connection().sent(1);
		}

		@Override
		public void write(byte[] buffer, int offset, int length) throws IOException {
			this.socket.beforeData();
			this.out.write(buffer, offset, length);
			this.socket.connection().sent(length);
		}

		@Override
		public void close() throws IOException {
			try {
				this.out.close();
			}
			finally {
				this.socket.streamClosed();
			}
		}

	}

}
