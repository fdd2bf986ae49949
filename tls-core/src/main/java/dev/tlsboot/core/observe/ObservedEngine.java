package dev.tlsboot.core.observe;

import java.lang.ref.Cleaner;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

import dev.tlsboot.core.option.TlsRole;

/**
 * An SSLEngine that reports its connection's life from what passes through it: the first {@code wrap},
 * {@code unwrap} or {@code beginHandshake} starts the handshake, a {@link HandshakeStatus#FINISHED} result ends
 * it, an {@link SSLException} fails it, and {@code closeOutbound}, {@code closeInbound} or a {@link Status#CLOSED}
 * result close the connection. Everything else is the JDK engine's own; the JDK's callbacks are given that engine,
 * not this one.
 */
final class ObservedEngine extends SSLEngine {

	private final SSLEngine delegate;

	private final TrackedConnection connection;

	private final ConnectionObserver observer;

	private final Cleaner.Cleanable closer;

	ObservedEngine(SSLEngine delegate, TrackedConnection connection, ConnectionObserver observer) {
		super(delegate.getPeerHost(), delegate.getPeerPort());
		this.delegate = delegate;
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
		SSLParameters parameters = this.delegate.getSSLParameters();
		if (parameters.getSNIMatchers() == null || parameters.getSNIMatchers().isEmpty()) {
			parameters.setSNIMatchers(List.of(this.observer.sniMatcher(this.connection)));
			this.delegate.setSSLParameters(parameters);
		}
		if (this.delegate.getHandshakeApplicationProtocolSelector() == null) {
			this.delegate.setHandshakeApplicationProtocolSelector(this.observer
				.applicationProtocolSelector(this.connection, parameters.getApplicationProtocols()));
		}
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

	@Override
	public Runnable getDelegatedTask() {
		return this.delegate.getDelegatedTask();
	}

	@Override
	public boolean isInboundDone() {
		return this.delegate.isInboundDone();
	}

	@Override
	public boolean isOutboundDone() {
		return this.delegate.isOutboundDone();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.delegate.getSupportedCipherSuites();
	}

	@Override
	public String[] getEnabledCipherSuites() {
		return this.delegate.getEnabledCipherSuites();
	}

	@Override
	public void setEnabledCipherSuites(String[] suites) {
		this.delegate.setEnabledCipherSuites(suites);
	}

	@Override
	public String[] getSupportedProtocols() {
		return this.delegate.getSupportedProtocols();
	}

	@Override
	public String[] getEnabledProtocols() {
		return this.delegate.getEnabledProtocols();
	}

	@Override
	public void setEnabledProtocols(String[] protocols) {
		this.delegate.setEnabledProtocols(protocols);
	}

	@Override
	public SSLSession getSession() {
		return this.delegate.getSession();
	}

	@Override
	public SSLSession getHandshakeSession() {
		return this.delegate.getHandshakeSession();
	}

	@Override
	public HandshakeStatus getHandshakeStatus() {
		return this.delegate.getHandshakeStatus();
	}

	@Override
	public void setUseClientMode(boolean mode) {
		this.delegate.setUseClientMode(mode);
	}

	@Override
	public boolean getUseClientMode() {
		return this.delegate.getUseClientMode();
	}

	@Override
	public void setNeedClientAuth(boolean need) {
		this.delegate.setNeedClientAuth(need);
	}

	@Override
	public boolean getNeedClientAuth() {
		return this.delegate.getNeedClientAuth();
	}

	@Override
	public void setWantClientAuth(boolean want) {
		this.delegate.setWantClientAuth(want);
	}

	@Override
	public boolean getWantClientAuth() {
		return this.delegate.getWantClientAuth();
	}

	@Override
	public void setEnableSessionCreation(boolean flag) {
		this.delegate.setEnableSessionCreation(flag);
	}

	@Override
	public boolean getEnableSessionCreation() {
		return this.delegate.getEnableSessionCreation();
	}

	@Override
	public SSLParameters getSSLParameters() {
		return this.delegate.getSSLParameters();
	}

	@Override
	public void setSSLParameters(SSLParameters parameters) {
		this.delegate.setSSLParameters(parameters);
	}

	@Override
	public String getApplicationProtocol() {
		return this.delegate.getApplicationProtocol();
	}

	@Override
	public String getHandshakeApplicationProtocol() {
		return this.delegate.getHandshakeApplicationProtocol();
	}

	@Override
	public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
		this.delegate.setHandshakeApplicationProtocolSelector(selector);
	}

	@Override
	public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
		return this.delegate.getHandshakeApplicationProtocolSelector();
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
