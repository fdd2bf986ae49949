package dev.tlsboot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLSocket;

import dev.tlsboot.core.TlsContext;

/** One real handshake on 127.0.0.1 between two contexts, for tests whose subject is the material, not TLS. */
public final class Handshakes {

	private Handshakes() {
	}

	/**
	 * Accept one connection with {@code server}, connect to it with {@code client} as {@code localhost}, and
	 * exchange a byte each way.
	 * @return the certificate the client was shown
	 */
	public static X509Certificate serverCertificateSeenBy(TlsContext client, TlsContext server) throws Exception {
		return serverCertificateSeenBy(client, "localhost", server.serverSocketFactory());
	}

	/**
	 * Accept one connection from {@code serverSockets} on 127.0.0.1, connect to it with {@code client} as
	 * {@code host} ({@code localhost} or {@code 127.0.0.1}), and exchange a byte each way.
	 * @return the certificate the client was shown
	 */
	public static X509Certificate serverCertificateSeenBy(TlsContext client, String host,
			ServerSocketFactory serverSockets) throws Exception {
		try (ServerSocket listener = serverSockets.createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
				try (SSLSocket accepted = (SSLSocket) listener.accept()) {
					accepted.setSoTimeout(5000);
					accepted.getOutputStream().write(accepted.getInputStream().read());
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			X509Certificate seen;
			try (SSLSocket socket = client.connect(host, listener.getLocalPort())) {
				socket.setSoTimeout(5000);
				socket.getOutputStream().write(42);
				if (socket.getInputStream().read() != 42) {
					throw new IOException("The server did not echo");
				}
				seen = (X509Certificate) socket.getSession().getPeerCertificates()[0];
			}
			// Only now: a TLS 1.3 server's close waits for the client's close_notify.
			served.get(5, TimeUnit.SECONDS);
			return seen;
		}
	}

}
