package dev.tlsboot.core.status;

import java.security.cert.Certificate;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;

/**
 * Values a trust manager found out about a handshake, kept beside its session (see {@link VerifyResult} for why not
 * in it) and by the peer certificate checked, for providers whose sessions are views made afresh on every call.
 *
 * @param <V> the kind of value
 */
final class SessionValues<V> {

	private final WeakIdentityMap<SSLSession, V> bySession = new WeakIdentityMap<>();

	private final WeakIdentityMap<Certificate, V> byPeer = new WeakIdentityMap<>();

	void store(@Nullable SSLSession handshakeSession, V value) {
		if (handshakeSession != null) {
			this.bySession.put(handshakeSession, value);
		}
	}

	void store(@Nullable SSLSession handshakeSession, Certificate peer, V value) {
		store(handshakeSession, value);
		this.byPeer.put(peer, value);
	}

	@Nullable V of(@Nullable SSLSession session) {
		if (session == null) {
			return null;
		}
		V value = this.bySession.get(session);
		if (value != null) {
			return value;
		}
		try {
			Certificate[] peer = session.getPeerCertificates();
			return (peer.length > 0) ? this.byPeer.get(peer[0]) : null;
		}
		catch (SSLPeerUnverifiedException ex) {
			return null;
		}
	}

}
