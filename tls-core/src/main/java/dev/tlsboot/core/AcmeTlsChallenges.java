package dev.tlsboot.core;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.material.KeyMaterial;

/**
 * The tls-alpn-01 challenges (RFC 8737) a context answers: once {@linkplain #enable() enabled}, the server sockets
 * and engines the context makes (and so Tomcat's and Jetty's) negotiate ALPN {@code acme-tls/1} when a client offers
 * it for a name with a pending challenge, and such a handshake gets the challenge certificate instead of the
 * context's own. Every other handshake is unchanged: ALPN is negotiated from the protocols the server set, as the
 * JDK does. A context and its variants (a web server's) share one instance, {@link TlsContext#acmeTlsChallenges()}.
 */
public final class AcmeTlsChallenges {

	/** The ALPN protocol of the tls-alpn-01 challenge. */
	public static final String PROTOCOL = "acme-tls/1";

	private final Map<String, KeyMaterial> byName = new ConcurrentHashMap<>();

	private volatile boolean enabled;

	AcmeTlsChallenges() {
	}

	/**
	 * Negotiate {@code acme-tls/1} on the server sockets and engines the context makes from now on: before the
	 * server starts, so that every connection can answer a challenge.
	 */
	public void enable() {
		this.enabled = true;
	}

	/** Whether {@link #enable()} was called. */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Serve {@code certificate} to handshakes negotiating {@code acme-tls/1} for {@code domain}.
	 * @param domain the name the CA validates, as it sends it in SNI
	 * @param certificate the challenge certificate with its key
	 */
	public void put(String domain, KeyMaterial certificate) {
		this.byName.put(domain.toLowerCase(Locale.ROOT), Objects.requireNonNull(certificate));
	}

	/**
	 * Stop answering the challenge for {@code domain}.
	 * @param domain the name
	 */
	public void remove(String domain) {
		this.byName.remove(domain.toLowerCase(Locale.ROOT));
	}

	/** The challenge certificate for the name the handshake asks for, or {@code null}. */
	@Nullable KeyMaterial forHandshake(@Nullable SSLSession handshake) {
		String name = requestedName(handshake);
		return (name != null) ? forName(name) : null;
	}

	@Nullable KeyMaterial forName(String name) {
		return this.byName.get(name.toLowerCase(Locale.ROOT));
	}

	/**
	 * Have {@code engine}, a server's, negotiate {@code acme-tls/1} when a client offers it for a name with a
	 * challenge, and leave every other choice to the selector it has (a library's, such as Netty's ALPN) or, without
	 * one, to the JDK's rule. For libraries that make their engines from the context's SSLContext and then set a
	 * selector of their own; the context's own engines and accepted sockets have it already once enabled.
	 * @param engine a server engine, before its handshake
	 */
	public void answerOn(SSLEngine engine) {
		BiFunction<SSLEngine, List<String>, String> library = engine.getHandshakeApplicationProtocolSelector();
		engine.setHandshakeApplicationProtocolSelector((handshaking, offered) -> {
			if (answers(handshaking.getHandshakeSession(), offered)) {
				return PROTOCOL;
			}
			return (library != null) ? library.apply(handshaking, offered)
					: jdkChoice(offered, handshaking.getSSLParameters().getApplicationProtocols());
		});
	}

	/** {@link #answerOn(SSLEngine)} for a socket a server socket accepted. */
	void answerOn(SSLSocket socket) {
		socket.setHandshakeApplicationProtocolSelector((handshaking, offered) -> answers(
				handshaking.getHandshakeSession(), offered) ? PROTOCOL
						: jdkChoice(offered, handshaking.getSSLParameters().getApplicationProtocols()));
	}

	private boolean answers(@Nullable SSLSession handshake, List<String> offered) {
		return offered.contains(PROTOCOL) && forHandshake(handshake) != null;
	}

	/**
	 * The first of the server's protocols the client offers, none when the server set none, and a refusal
	 * ({@code null}) when they share none, as the JDK chooses without a selector.
	 */
	private static @Nullable String jdkChoice(List<String> offered, String @Nullable [] own) {
		if (own == null || own.length == 0) {
			return "";
		}
		for (String protocol : own) {
			if (offered.contains(protocol)) {
				return protocol;
			}
		}
		return null;
	}

	static @Nullable String requestedName(@Nullable SSLSession handshake) {
		if (handshake instanceof ExtendedSSLSession extended) {
			for (SNIServerName name : extended.getRequestedServerNames()) {
				if (name instanceof SNIHostName host) {
					return host.getAsciiName();
				}
			}
		}
		return null;
	}

}
