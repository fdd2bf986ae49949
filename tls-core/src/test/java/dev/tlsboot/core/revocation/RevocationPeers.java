package dev.tlsboot.core.revocation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsHandshakeException;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.HandshakeFailure;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.observe.TrackedConnection.State;
import dev.tlsboot.core.status.RevocationStatus;
import dev.tlsboot.core.status.TlsStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Real handshakes on 127.0.0.1 between two contexts, every wait bounded, for the revocation tests. */
final class RevocationPeers {

	private RevocationPeers() {
	}

	static TlsContext context(TlsOptions.Builder options, ConnectionRegistry registry) {
		return TlsContext.builder(options.build()).registry(registry).build();
	}

	/**
	 * A handshake that both sides complete, with a byte exchanged each way.
	 * @return the revocation status of the server's certificate in the client's {@code tls::status}
	 */
	static RevocationStatus handshake(TlsContext client, TlsContext server) throws Exception {
		Outcome outcome = connect(client, server);
		if (outcome.client() != null || outcome.server() != null) {
			fail("the handshake failed: client " + outcome.client() + ", server " + outcome.server());
		}
		return outcome.revocation();
	}

	/** The client's refusal of the server's certificate. */
	static HandshakeFailure clientRefusal(TlsContext client, TlsContext server) throws Exception {
		Outcome outcome = connect(client, server);
		assertThat(outcome.client()).isInstanceOf(TlsHandshakeException.class);
		return ((TlsHandshakeException) outcome.client()).failure();
	}

	/** The server's refusal of the client's certificate, from the server's registry. */
	static HandshakeFailure serverRefusal(TlsContext client, TlsContext server, ConnectionRegistry serverRegistry)
			throws Exception {
		Outcome outcome = connect(client, server);
		assertThat(outcome.server()).isNotNull();
		assertThat(outcome.client()).isNotNull();
		List<TrackedConnection> failed = serverRegistry.connections(State.FAILED, null, null);
		assertThat(failed).hasSize(1);
		return failed.get(0).failure().orElseThrow().explanation();
	}

	private record Outcome(Exception client, Exception server, RevocationStatus revocation) {
	}

	private static Outcome connect(TlsContext client, TlsContext server) throws Exception {
		try (ServerSocket listener = server.serverSocketFactory().createServerSocket(0, 1,
				InetAddress.getLoopbackAddress())) {
			CompletableFuture<Exception> served = CompletableFuture.supplyAsync(() -> {
				try (SSLSocket accepted = (SSLSocket) listener.accept()) {
					accepted.setSoTimeout(10_000);
					accepted.getOutputStream().write(accepted.getInputStream().read());
					return null;
				}
				catch (IOException ex) {
					return ex;
				}
			});
			Exception clientFailure = null;
			RevocationStatus revocation = null;
			try (SSLSocket socket = client.connect("localhost", listener.getLocalPort())) {
				socket.setSoTimeout(10_000);
				socket.getOutputStream().write(42);
				// With TLS 1.3 the client finishes before the server has judged its certificate: the refusal
				// arrives as an alert on the first read.
				if (socket.getInputStream().read() != 42) {
					throw new IOException("the server did not echo");
				}
				revocation = TlsStatus.of(socket, false, true, true).revocation();
			}
			catch (IOException ex) {
				clientFailure = ex;
			}
			return new Outcome(clientFailure, served.get(20, TimeUnit.SECONDS), revocation);
		}
	}

}
