package dev.tlsboot.core;

import java.io.IOException;
import java.net.ServerSocket;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.observe.ConnectionObserver;
import dev.tlsboot.core.option.TlsRole;

/**
 * The SSLContext a {@link TlsContext} hands out: its provider's, with the context's options applied to every socket,
 * server socket and engine it makes, so that consumers that only take an SSLContext (Tomcat, Netty's JDK provider,
 * the JDK HttpClient) get the protocols, ciphers, ALPN and client certificate policy too; and, when the context
 * observes its connections, they are observed whoever uses them.
 */
final class ConfiguredSslContextSpi extends DecoratingSslContextSpi {

	private final TlsParameters parameters;

	/** Observes what the context makes, or {@code null} to hand out the provider's own sockets and engines. */
	private final @Nullable ConnectionObserver observer;

	private final AcmeTlsChallenges challenges;

	private ConfiguredSslContextSpi(SSLContext delegate, TlsParameters parameters,
			@Nullable ConnectionObserver observer, AcmeTlsChallenges challenges) {
		super(delegate);
		this.parameters = parameters;
		this.observer = observer;
		this.challenges = challenges;
	}

	/**
	 * @param observer observes what the context makes, or {@code null} to hand out the JDK's own sockets and engines
	 */
	static SSLContext wrap(SSLContext delegate, TlsParameters parameters, @Nullable ConnectionObserver observer,
			AcmeTlsChallenges challenges) {
		SSLContext configured = new ConfiguredSslContextSpi(delegate, parameters, observer, challenges).toSslContext();
		if (observer != null) {
			// Engines made elsewhere for this context (Netty's OpenSSL) find the observer by the SSLContext.
			observer.watch(configured);
		}
		return configured;
	}

	/** Every socket it makes carries the protocols, ciphers, ALPN, host name check and SNI name for its host. */
	@Override
	SSLSocket client(SSLSocket socket, @Nullable String host) {
		return observed(this.parameters.apply(socket, this.parameters.client(host)), TlsRole.CLIENT,
				this.parameters.serverName(host));
	}

	@Override
	SSLSocket serverOver(SSLSocket socket) {
		return observed(this.parameters.apply(socket, this.parameters.defaults()), TlsRole.SERVER, null);
	}

	/**
	 * Sockets a server socket accepts carry the protocols, ciphers, ALPN and the client certificate policy
	 * ({@code request}: ask for one; {@code require}: refuse a client without a valid one).
	 */
	@Override
	ServerSocket server(SSLServerSocket socket) throws IOException {
		socket.setSSLParameters(this.parameters.defaults());
		if (this.observer == null && !this.parameters.preparesAcceptedSockets() && !this.challenges.isEnabled()) {
			return socket;
		}
		return new AcceptingServerSocket(socket, this::accepted);
	}

	/** Engines without a host are what servers make; one with a host is a client's. */
	@Override
	SSLEngine serverEngine(SSLEngine engine) {
		SSLEngine configured = this.parameters.apply(engine, this.parameters.defaults());
		if (this.challenges.isEnabled()) {
			// A consumer that sets a selector of its own replaces this one; TLS Boot's Netty contexts put it back.
			this.challenges.answerOn(configured);
		}
		return (this.observer != null) ? this.observer.engine(configured, TlsRole.SERVER, null) : configured;
	}

	@Override
	SSLEngine clientEngine(SSLEngine engine, String host) {
		SSLEngine configured = this.parameters.apply(engine, this.parameters.client(host));
		return (this.observer != null)
				? this.observer.engine(configured, TlsRole.CLIENT, this.parameters.serverName(host)) : configured;
	}

	@Override
	String[] defaultCipherSuites(String[] provided) {
		return this.parameters.cipherSuites();
	}

	@Override
	protected SSLParameters engineGetDefaultSSLParameters() {
		return this.parameters.defaults();
	}

	/** A socket a server socket accepted, which carries the parameters already, prepared and observed. */
	private SSLSocket accepted(SSLSocket socket) {
		this.parameters.prepare(socket);
		if (this.challenges.isEnabled() && !socket.getUseClientMode()) {
			this.challenges.answerOn(socket);
		}
		return observed(socket, socket.getUseClientMode() ? TlsRole.CLIENT : TlsRole.SERVER, null);
	}

	private SSLSocket observed(SSLSocket socket, TlsRole role, @Nullable String serverName) {
		return (this.observer != null) ? this.observer.socket(socket, role, serverName) : socket;
	}

}
