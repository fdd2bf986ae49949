package dev.tlsboot.core;

import java.security.KeyManagementException;
import java.security.SecureRandom;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.observe.ConnectionObserver;
import dev.tlsboot.core.option.TlsRole;

/**
 * The SSLContext a {@link TlsContext} hands out: its provider's, with the context's options applied to every socket,
 * server socket and engine it makes, so that consumers that only take an SSLContext (Tomcat, Netty's JDK provider,
 * the JDK HttpClient) get the protocols, ciphers, ALPN and client certificate policy too; and, when the context
 * observes its connections, they are observed whoever uses them.
 */
final class ConfiguredSslContextSpi extends SSLContextSpi {

	private final SSLContext delegate;

	private final TlsParameters parameters;

	private final ClientSocketFactory socketFactory;

	private final ServerSocketFactory serverSocketFactory;

	private final ConnectionObserver observer;

	ConfiguredSslContextSpi(SSLContext delegate, TlsParameters parameters, ConnectionObserver observer) {
		this.delegate = delegate;
		this.parameters = parameters;
		this.observer = observer;
		this.socketFactory = new ClientSocketFactory(delegate.getSocketFactory(), parameters, observer);
		this.serverSocketFactory = new ServerSocketFactory(delegate.getServerSocketFactory(), parameters, observer);
	}

	/**
	 * @param observer observes what the context makes, or {@code null} to hand out the JDK's own sockets and engines
	 */
	static SSLContext wrap(@Nullable SSLContext delegate, TlsParameters parameters, ConnectionObserver observer) {
		SSLContext configured = new SSLContext(new ConfiguredSslContextSpi(delegate, parameters, observer),
				delegate.getProvider(), delegate.getProtocol()) {
		};
		if (observer != null) {
			// Engines made elsewhere for this context (Netty's OpenSSL) find the observer by the SSLContext.
			observer.watch(configured);
		}
		return configured;
	}

	@Override
	protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random)
			throws KeyManagementException {
		throw new KeyManagementException("This SSLContext was initialised by TLS Boot from its options; "
				+ "build a new TlsContext to change its material");
	}

	@Override
	protected SSLSocketFactory engineGetSocketFactory() {
		return this.socketFactory;
	}

	@Override
	protected SSLServerSocketFactory engineGetServerSocketFactory() {
		return this.serverSocketFactory;
	}

	@Override
	protected SSLEngine engineCreateSSLEngine() {
		SSLEngine engine = this.parameters.apply(this.delegate.createSSLEngine(), this.parameters.defaults());
		// Engines without a host are what servers make; one with a host is a client's
		return (this.observer != null) ? this.observer.engine(engine, TlsRole.SERVER, null) : engine;
	}

	@Override
	protected SSLEngine engineCreateSSLEngine(String host, int port) {
		SSLEngine engine = this.parameters.apply(this.delegate.createSSLEngine(host, port),
				this.parameters.client(host));
		return (this.observer != null) ? this.observer.engine(engine, TlsRole.CLIENT,
				this.parameters.serverName(host)) : engine;
	}

	@Override
	protected SSLSessionContext engineGetServerSessionContext() {
		return this.delegate.getServerSessionContext();
	}

	@Override
	protected SSLSessionContext engineGetClientSessionContext() {
		return this.delegate.getClientSessionContext();
	}

	@Override
	protected SSLParameters engineGetDefaultSSLParameters() {
		return this.parameters.defaults();
	}

	@Override
	protected SSLParameters engineGetSupportedSSLParameters() {
		return this.delegate.getSupportedSSLParameters();
	}

}
