package dev.tlsboot.core;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;

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
	 * The ALPN choice: {@code acme-tls/1} when offered for a name with a challenge; else the first of the server's
	 * protocols the client offers, none when the server set none, and a refusal ({@code null}) when they share none,
	 * as the JDK chooses without a selector.
	 */
	@Nullable String select(@Nullable SSLSession handshake, List<String> offered, String @Nullable [] own) {
		if (offered.contains(PROTOCOL) && forHandshake(handshake) != null) {
			return PROTOCOL;
		}
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
