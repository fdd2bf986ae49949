package dev.tlsboot.core.spi;

import java.security.cert.X509Certificate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a handshake may go on, like TclTLS's {@code -validatecommand}. Each method answers with a
 * {@link Verdict}; the defaults keep what TLS Boot decided on its own. Validators run on the handshake thread:
 * answer quickly and never block on the network.
 * <p>
 * Register validators on a {@code TlsContext}; with several, the first {@link Verdict#REJECT} wins.
 */
public interface TlsValidator {

	/** The answer to a callback, TclTLS's return codes 1, 0 and 2. */
	enum Verdict {

		/** Go on (TclTLS 1). */
		ACCEPT,
		/** Abort the handshake (TclTLS 0). */
		REJECT,
		/** Go on, and record a note on the connection, reported to event listeners (TclTLS 2). */
		ACCEPT_WITH_NOTE;

		/** Whether the handshake may go on. */
		public boolean accepted() {
			return this != REJECT;
		}

	}

	/**
	 * What JSSE lets a server see of a ClientHello.
	 * @param serverNames the SNI host names the client sent, empty when none
	 * @param applicationProtocols the ALPN protocols the client offered, in its order
	 */
	record ClientHello(List<String> serverNames, List<String> applicationProtocols) {

		/** Keeps immutable copies of the lists. */
		public ClientHello {
			serverNames = List.copyOf(serverNames);
			applicationProtocols = List.copyOf(applicationProtocols);
		}

	}

	/**
	 * Judge one certificate of the peer's chain, like TclTLS's {@code verify} callback. Called for every
	 * certificate the peer sent, from the top of the chain down to the leaf at depth 0. JSSE validates the chain as
	 * a whole, so {@code ok} and {@code error} are the chain's verdict (PKIX, host name and security level) at every
	 * depth. Accepting at every depth lets a refused chain through even when the context {@code require}s a valid
	 * peer, which is how a self-signed peer is pinned; the refusal stays in {@code verifyResult}.
	 * @param connection the connection
	 * @param depth the certificate's position, 0 for the peer's own
	 * @param certificate the certificate
	 * @param ok whether TLS Boot accepts the chain
	 * @param error why it does not, or {@code null}
	 * @return the verdict; by default TLS Boot's
	 */
	default Verdict verify(ConnectionRef connection, int depth, X509Certificate certificate, boolean ok,
			@Nullable String error) {
		return ok ? Verdict.ACCEPT : Verdict.REJECT;
	}

	/**
	 * On a server, judge the SNI host name the client asked for; not called when it sent none.
	 * {@link Verdict#REJECT} ends the handshake with an {@code unrecognized_name} alert.
	 * @param connection the connection
	 * @param serverName the host name
	 * @return the verdict
	 */
	default Verdict sni(ConnectionRef connection, String serverName) {
		return Verdict.ACCEPT;
	}

	/**
	 * On a server, judge an application protocol that both sides support, in the server's order of preference;
	 * {@link Verdict#REJECT} moves on to the next one, and when none is left the handshake ends with a
	 * {@code no_application_protocol} alert.
	 * @param connection the connection
	 * @param protocol the candidate protocol, e.g. {@code h2}
	 * @return the verdict
	 */
	default Verdict alpn(ConnectionRef connection, String protocol) {
		return Verdict.ACCEPT;
	}

	/**
	 * On a server, judge the ClientHello. JSSE has no ClientHello callback: this is called from its ALPN protocol
	 * selector, the one hook that sees the offered protocols (after {@link #sni}), so only for clients that offer
	 * ALPN, as browsers and HTTP clients do. {@link Verdict#REJECT} ends the handshake.
	 * @param connection the connection
	 * @param hello what the client sent
	 * @return the verdict
	 */
	default Verdict hello(ConnectionRef connection, ClientHello hello) {
		return Verdict.ACCEPT;
	}

}
