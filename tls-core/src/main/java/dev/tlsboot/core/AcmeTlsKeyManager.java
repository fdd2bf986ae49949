package dev.tlsboot.core;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

import dev.tlsboot.core.material.KeyMaterial;

/**
 * A context's key manager as a server that answers tls-alpn-01: a handshake that negotiated {@code acme-tls/1} (the
 * JDK settles ALPN before it asks for the key) gets the challenge certificate for its SNI name; everything else goes
 * to the context's own key manager. Until ACME enables the challenges, a handshake costs it one volatile read (not
 * the JDK's handshake-protocol lookup, which takes the engine's lock).
 */
final class AcmeTlsKeyManager extends X509ExtendedKeyManager {

	/** An alias is {@code acme-tls/1:<name>}, which no other key manager of TLS Boot hands out. */
	private static final String ALIAS_PREFIX = AcmeTlsChallenges.PROTOCOL + ":";

	private final X509ExtendedKeyManager delegate;

	private final AcmeTlsChallenges challenges;

	AcmeTlsKeyManager(X509ExtendedKeyManager delegate, AcmeTlsChallenges challenges) {
		this.delegate = delegate;
		this.challenges = challenges;
	}

	@Override
	public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
		if (this.challenges.isEnabled() && socket instanceof SSLSocket ssl
				&& AcmeTlsChallenges.PROTOCOL.equals(ssl.getHandshakeApplicationProtocol())) {
			return challengeAlias(ssl.getHandshakeSession());
		}
		return this.delegate.chooseServerAlias(keyType, issuers, socket);
	}

	@Override
	public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
		if (this.challenges.isEnabled() && engine != null
				&& AcmeTlsChallenges.PROTOCOL.equals(engine.getHandshakeApplicationProtocol())) {
			return challengeAlias(engine.getHandshakeSession());
		}
		return this.delegate.chooseEngineServerAlias(keyType, issuers, engine);
	}

	private String challengeAlias(SSLSession handshake) {
		String name = AcmeTlsChallenges.requestedName(handshake);
		return (this.challenges.forHandshake(handshake) != null) ? ALIAS_PREFIX + name : null;
	}

	private KeyMaterial lookup(String alias) {
		return this.challenges.forName(alias.substring(ALIAS_PREFIX.length()));
	}

	@Override
	public X509Certificate[] getCertificateChain(String alias) {
		if (alias != null && alias.startsWith(ALIAS_PREFIX)) {
			KeyMaterial challenge = lookup(alias);
			return (challenge != null) ? challenge.chain().toArray(X509Certificate[]::new) : null;
		}
		return this.delegate.getCertificateChain(alias);
	}

	@Override
	public PrivateKey getPrivateKey(String alias) {
		if (alias != null && alias.startsWith(ALIAS_PREFIX)) {
			KeyMaterial challenge = lookup(alias);
			return (challenge != null) ? challenge.privateKey() : null;
		}
		return this.delegate.getPrivateKey(alias);
	}

	@Override
	public String[] getServerAliases(String keyType, Principal[] issuers) {
		return this.delegate.getServerAliases(keyType, issuers);
	}

	@Override
	public String[] getClientAliases(String keyType, Principal[] issuers) {
		return this.delegate.getClientAliases(keyType, issuers);
	}

	@Override
	public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
		return this.delegate.chooseClientAlias(keyTypes, issuers, socket);
	}

	@Override
	public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
		return this.delegate.chooseEngineClientAlias(keyTypes, issuers, engine);
	}

}
