package dev.tlsboot.core.observe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import dev.tlsboot.core.TlsRole;

/**
 * An SSLSocket that reports its connection's life: the handshake (started explicitly, or by the first read, write
 * or {@code getSession()}), its outcome, the bytes its streams carry, and its close. Its first handshake waits no
 * longer than the context's {@code handshake-timeout} for each read. Everything else is the JDK socket's own; the
 * JDK's callbacks (trust manager, key manager, ALPN selector, handshake listeners) are given that socket, not this one.
 */
final class ObservedSocket extends SSLSocket {

	private final SSLSocket delegate;

	private final TrackedConnection connection;

	private final ConnectionObserver observer;

	private final Cleaner.Cleanable closer;

	private volatile InputStream input;

	private volatile OutputStream output;

	ObservedSocket(SSLSocket delegate, TrackedConnection connection, ConnectionObserver observer) {
		this.delegate = delegate;
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

	@Override
	public SSLSession getHandshakeSession() {
		return this.delegate.getHandshakeSession();
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
	public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
		this.delegate.addHandshakeCompletedListener(listener);
	}

	@Override
	public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
		this.delegate.removeHandshakeCompletedListener(listener);
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
	public void setHandshakeApplicationProtocolSelector(BiFunction<SSLSocket, List<String>, String> selector) {
		this.delegate.setHandshakeApplicationProtocolSelector(selector);
	}

	@Override
	public BiFunction<SSLSocket, List<String>, String> getHandshakeApplicationProtocolSelector() {
		return this.delegate.getHandshakeApplicationProtocolSelector();
	}

	@Override
	public void connect(SocketAddress endpoint) throws IOException {
		this.delegate.connect(endpoint);
	}

	@Override
	public void connect(SocketAddress endpoint, int timeout) throws IOException {
		this.delegate.connect(endpoint, timeout);
	}

	@Override
	public void bind(SocketAddress bindpoint) throws IOException {
		this.delegate.bind(bindpoint);
	}

	@Override
	public InetAddress getInetAddress() {
		return this.delegate.getInetAddress();
	}

	@Override
	public InetAddress getLocalAddress() {
		return this.delegate.getLocalAddress();
	}

	@Override
	public int getPort() {
		return this.delegate.getPort();
	}

	@Override
	public int getLocalPort() {
		return this.delegate.getLocalPort();
	}

	@Override
	public SocketAddress getRemoteSocketAddress() {
		return this.delegate.getRemoteSocketAddress();
	}

	@Override
	public SocketAddress getLocalSocketAddress() {
		return this.delegate.getLocalSocketAddress();
	}

	@Override
	public SocketChannel getChannel() {
		return this.delegate.getChannel();
	}

	@Override
	public void setTcpNoDelay(boolean on) throws SocketException {
		this.delegate.setTcpNoDelay(on);
	}

	@Override
	public boolean getTcpNoDelay() throws SocketException {
		return this.delegate.getTcpNoDelay();
	}

	@Override
	public void setSoLinger(boolean on, int linger) throws SocketException {
		this.delegate.setSoLinger(on, linger);
	}

	@Override
	public int getSoLinger() throws SocketException {
		return this.delegate.getSoLinger();
	}

	@Override
	public void sendUrgentData(int data) throws IOException {
		this.delegate.sendUrgentData(data);
	}

	@Override
	public void setOOBInline(boolean on) throws SocketException {
		this.delegate.setOOBInline(on);
	}

	@Override
	public boolean getOOBInline() throws SocketException {
		return this.delegate.getOOBInline();
	}

	@Override
	public void setSoTimeout(int timeout) throws SocketException {
		this.delegate.setSoTimeout(timeout);
	}

	@Override
	public int getSoTimeout() throws SocketException {
		return this.delegate.getSoTimeout();
	}

	@Override
	public void setSendBufferSize(int size) throws SocketException {
		this.delegate.setSendBufferSize(size);
	}

	@Override
	public int getSendBufferSize() throws SocketException {
		return this.delegate.getSendBufferSize();
	}

	@Override
	public void setReceiveBufferSize(int size) throws SocketException {
		this.delegate.setReceiveBufferSize(size);
	}

	@Override
	public int getReceiveBufferSize() throws SocketException {
		return this.delegate.getReceiveBufferSize();
	}

	@Override
	public void setKeepAlive(boolean on) throws SocketException {
		this.delegate.setKeepAlive(on);
	}

	@Override
	public boolean getKeepAlive() throws SocketException {
		return this.delegate.getKeepAlive();
	}

	@Override
	public void setTrafficClass(int tc) throws SocketException {
		this.delegate.setTrafficClass(tc);
	}

	@Override
	public int getTrafficClass() throws SocketException {
		return this.delegate.getTrafficClass();
	}

	@Override
	public void setReuseAddress(boolean on) throws SocketException {
		this.delegate.setReuseAddress(on);
	}

	@Override
	public boolean getReuseAddress() throws SocketException {
		return this.delegate.getReuseAddress();
	}

	@Override
	public void shutdownInput() throws IOException {
		this.delegate.shutdownInput();
	}

	@Override
	public void shutdownOutput() throws IOException {
		this.delegate.shutdownOutput();
	}

	@Override
	public boolean isConnected() {
		return this.delegate.isConnected();
	}

	@Override
	public boolean isBound() {
		return this.delegate.isBound();
	}

	@Override
	public boolean isClosed() {
		return this.delegate.isClosed();
	}

	@Override
	public boolean isInputShutdown() {
		return this.delegate.isInputShutdown();
	}

	@Override
	public boolean isOutputShutdown() {
		return this.delegate.isOutputShutdown();
	}

	@Override
	public void setPerformancePreferences(int connectionTime, int latency, int bandwidth) {
		this.delegate.setPerformancePreferences(connectionTime, latency, bandwidth);
	}

	@Override
	public <T> SSLSocket setOption(SocketOption<T> name, T value) throws IOException {
		this.delegate.setOption(name, value);
		return this;
	}

	@Override
	public <T> T getOption(SocketOption<T> name) throws IOException {
		return this.delegate.getOption(name);
	}

	@Override
	public Set<SocketOption<?>> supportedOptions() {
		return this.delegate.supportedOptions();
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
