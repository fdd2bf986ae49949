package dev.tlsboot.sample;

import java.io.IOException;
import java.util.Optional;

import javax.net.ssl.SSLSocket;

import dev.tlsboot.core.TlsContext;

/**
 * Asks the {@link CertificateRequestService} for a certificate, like {@code openssl s_client} with a typed line.
 *
 * @param context the client's TLS context: it must trust the sample's CA, and needs no certificate
 * @param host the service's host, which its certificate must name
 * @param port the service's port
 */
public record CertificateRequestClient(TlsContext context, String host, int port) {

	/**
	 * Send one request and read the answer; each read waits at most
	 * {@link CertificateRequestService#READ_TIMEOUT}.
	 * @param request the names to certify
	 * @return the key and certificate, or empty when the service refused
	 * @throws IOException when the connection or the protocol fails
	 */
	public Optional<Credentials> request(CertificateRequest request) throws IOException {
		try (SSLSocket socket = this.context.connect(this.host, this.port)) {
			socket.setSoTimeout((int) CertificateRequestService.READ_TIMEOUT.toMillis());
			RequestProtocol.writeRequest(socket.getOutputStream(), request);
			return RequestProtocol.readAnswer(socket.getInputStream());
		}
	}

}
