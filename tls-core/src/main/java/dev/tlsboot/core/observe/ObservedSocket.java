package dev.tlsboot.core.observe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import dev.tlsboot.core.option.TlsRole;

/**
 * An SSLSocket that reports its connection's life: the handshake (started explicitly, or by the first read, write
 * or {@code getSession()}), its outcome, the bytes its streams carry, and its close. Its first handshake waits no
 * longer than the context's {@code handshake-timeout} for each read. Everything else is the JDK socket's own.
 */
final class ObservedSocket extends ForwardingSslSocket {

	private final TrackedConnection connection;

	private final ConnectionObserver observer;

	private final Cleaner.Cleanable closer;

	private volatile InputStream input;

	private volatile OutputStream output;

	ObservedSocket(SSLSocket delegate, TrackedConnection connection, ConnectionObserver observer) {
		super(delegate);
		this.connection = connection;
		this.observer = observer;
		this.closer = observer.whenUnreachable(this, connection, delegate);
	}

	TrackedConnection connection() {
		return this.connection;
	}

	@Override
	public void startHandshake() throws IOException {
		handshake(true);
	}

	/** Before data flows: start the handshake here, where its outcome is seen, unless it has started. */
	void beforeData() throws IOException {
		TrackedConnection.State state = this.connection.state();
		if (state == TrackedConnection.State.CLIENTINIT || state == TrackedConnection.State.SERVERINIT) {
			handshake(false);
		}
	}

	private void handshake(boolean explicit) throws IOException {
		if (!this.observer.started(this.connection, this.delegate, this.delegate.getUseClientMode(),
				this.delegate.getLocalSocketAddress(), this.delegate.getRemoteSocketAddress())) {
			// Not the first handshake (a renegotiation), or the first under way on another thread, whose reads
			// and writes the JDK holds until it is done
			if (explicit) {
				this.delegate.startHandshake();
			}
			return;
		}
		if (this.connection.role() == TlsRole.SERVER && this.observer.validates()) {
			installServerHooks();
		}
		try {
			startHandshake(this.observer.handshakeTimeoutMillis());
		}
		catch (IOException | RuntimeException ex) {
			this.observer.failed(this.connection, this.delegate, ex);
			throw ex;
		}
		this.observer.opened(this.connection, this.delegate.getSession(), this.delegate.getApplicationProtocol());
	}

	/**
	 * A library that starts the handshake itself (HttpsURLConnection; a first read) leaves it the socket's read
	 * timeout, often none, so a silent peer would hold it for good: {@code timeout} caps it for the handshake, as it
	 * does for {@code connect} and {@code startTls}, and the socket's own comes back afterwards.
	 */
	private void startHandshake(int timeout) throws IOException {
		int readTimeout = this.delegate.getSoTimeout();
		boolean capped = readTimeout == 0 || readTimeout > timeout;
		if (capped) {
			this.delegate.setSoTimeout(timeout);
		}
		try {
			this.delegate.startHandshake();
		}
		finally {
			if (capped && !this.delegate.isClosed()) {
				this.delegate.setSoTimeout(readTimeout);
			}
		}
	}

	private void installServerHooks() {
		this.observer.installServerHooks(this.connection, this.delegate.getSSLParameters(),
				this.delegate::setSSLParameters, this.delegate.getHandshakeApplicationProtocolSelector(),
				this.delegate::setHandshakeApplicationProtocolSelector);
	}

	@Override
	public SSLSession getSession() {
		try {
			beforeData();
		}
		catch (IOException ex) {
			// Recorded as the failure; like the JDK, answer with the invalid session
		}
		return this.delegate.getSession();
	}

	@Override
	public InputStream getInputStream() throws IOException {
		InputStream input = this.input;
		if (input == null) {
			input = new ObservedStreams.Input(this.delegate.getInputStream(), this);
			this.input = input;
		}
		return input;
	}

	@Override
	public OutputStream getOutputStream() throws IOException {
		OutputStream output = this.output;
		if (output == null) {
			output = new ObservedStreams.Output(this.delegate.getOutputStream(), this);
			this.output = output;
		}
		return output;
	}

	@Override
	public void close() throws IOException {
		try {
			this.delegate.close();
		}
		finally {
			this.closer.clean();
		}
	}

	/** A stream was closed, which may have closed the socket under it. */
	void streamClosed() {
		if (this.delegate.isClosed()) {
			this.closer.clean();
		}
	}

}
