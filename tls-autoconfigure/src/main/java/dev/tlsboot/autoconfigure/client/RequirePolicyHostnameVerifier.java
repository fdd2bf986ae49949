package dev.tlsboot.autoconfigure.client;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLSession;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.option.TlsRole;

/**
 * The default host name verifier the https handler installs. {@code HttpsURLConnection} asks a verifier only when
 * its own check of the certificate against the URL's host has failed, and TLS Boot's sockets never get there: they
 * check the host name in the handshake, against {@code servername} when set, and explain a mismatch. For other
 * sockets this verifier decides as TLS Boot's check would: a mismatch is refused when the host's context has
 * {@code require} on (the default), and let through (TclTLS's {@code -require 0}) when it is off.
 */
final class RequirePolicyHostnameVerifier implements HostnameVerifier {

	private final ClientTls tls;

	RequirePolicyHostnameVerifier(ClientTls tls) {
		this.tls = tls;
	}

	@Override
	public boolean verify(String host, SSLSession session) {
		TlsContext context = this.tls.contextFor(host);
		return !context.options().require(TlsRole.CLIENT);
	}

}
