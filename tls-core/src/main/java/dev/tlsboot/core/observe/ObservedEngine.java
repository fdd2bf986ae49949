package dev.tlsboot.core.observe;

import java.lang.ref.Cleaner;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;

import dev.tlsboot.core.option.TlsRole;

/**
 * An SSLEngine that reports its connection's life from what passes through it: the first {@code wrap},
 * {@code unwrap} or {@code beginHandshake} starts the handshake, a {@link HandshakeStatus#FINISHED} result ends
 * it, an {@link SSLException} fails it, and {@code closeOutbound}, {@code closeInbound} or a {@link Status#CLOSED}
 * result close the connection. Everything else is the JDK engine's own.
 */
final class ObservedEngine extends ForwardingSslEngine {

	private final TrackedConnection connection;

	private final ConnectionObserver observer;

	private final Cleaner.Cleanable closer;

	ObservedEngine(SSLEngine delegate, TrackedConnection connection, ConnectionObserver observer) {
		super(delegate);
		this.connection = connection;
		this.observer = observer;
		this.closer = observer.whenUnreachable(this, connection, delegate);
	}

	TrackedConnection connection() {
		return this.connection;
	}

	@Override
	public SSLEngineResult wrap(ByteBuffer[] sources, int offset, int length, ByteBuffer destination)
			throws SSLException {
		beforeHandshakeStep();
		SSLEngineResult result;
		try {
			result = this.delegate.wrap(sources, offset, length, destination);
		}
		catch (SSLException | RuntimeException ex) {
			this.observer.failed(this.connection, this.delegate, ex);
			throw ex;
		}
		if (result.bytesConsumed() > 0) {
			this.connection.sent(result.bytesConsumed());
		}
		after(result);
		return result;
	}

	@Override
	public SSLEngineResult unwrap(ByteBuffer source, ByteBuffer[] destinations, int offset, int length)
			throws SSLException {
		beforeHandshakeStep();
		SSLEngineResult result;
		try {
			result = this.delegate.unwrap(source, destinations, offset, length);
		}
		catch (SSLException | RuntimeException ex) {
			this.observer.failed(this.connection, this.delegate, ex);
			throw ex;
		}
		if (result.bytesProduced() > 0) {
			this.connection.received(result.bytesProduced());
		}
		after(result);
		return result;
	}

	@Override
	public void beginHandshake() throws SSLException {
		beforeHandshakeStep();
		try {
			this.delegate.beginHandshake();
		}
		catch (SSLException | RuntimeException ex) {
			this.observer.failed(this.connection, this.delegate, ex);
			throw ex;
		}
	}

	private void beforeHandshakeStep() {
		TrackedConnection.State state = this.connection.state();
		if (state != TrackedConnection.State.CLIENTINIT && state != TrackedConnection.State.SERVERINIT) {
			return;
		}
		String host = this.delegate.getPeerHost();
		InetSocketAddress peer = (host != null) ? InetSocketAddress.createUnresolved(host,
				Math.max(0, this.delegate.getPeerPort())) : null;
		if (this.observer.started(this.connection, this.delegate, this.delegate.getUseClientMode(), null, peer)
				&& this.connection.role() == TlsRole.SERVER && this.observer.validates()) {
			installServerHooks();
		}
	}

	private void installServerHooks() {
		this.observer.installServerHooks(this.connection, this.delegate.getSSLParameters(),
				this.delegate::setSSLParameters, this.delegate.getHandshakeApplicationProtocolSelector(),
				this.delegate::setHandshakeApplicationProtocolSelector);
	}

	private void after(SSLEngineResult result) {
		if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
			this.observer.opened(this.connection, this.delegate.getSession(),
					this.delegate.getApplicationProtocol());
		}
		if (result.getStatus() == Status.CLOSED) {
			this.closer.clean();
		}
	}

	@Override
	public void closeOutbound() {
		try {
			this.delegate.closeOutbound();
		}
		finally {
			this.closer.clean();
		}
	}

	@Override
	public void closeInbound() throws SSLException {
		try {
			this.delegate.closeInbound();
		}
		finally {
			this.closer.clean();
		}
	}

}
