package dev.tlsboot.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;

/**
 * A client that handshakes with a server on 127.0.0.1, one connection after another, until {@linkplain #close()
 * closed}, noting the serial of each certificate served; the first failed handshake stops it. What a certificate
 * swap under load must not break.
 */
public final class HandshakeLoop implements AutoCloseable {

	private final Set<BigInteger> served = ConcurrentHashMap.newKeySet();

	private final AtomicInteger handshakes = new AtomicInteger();

	private final AtomicReference<Throwable> failure = new AtomicReference<>();

	private final Thread thread;

	/**
	 * Start handshaking.
	 * @param port the server's port on 127.0.0.1
	 */
	public HandshakeLoop(int port) {
		// Only the handshake is judged: the certificate changes under the loop, trust is not the point.
		TlsContext client = TlsContext.create("loop", TlsOptions.builder().require(false).build());
		this.thread = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				try (SSLSocket socket = client.connect("127.0.0.1", port)) {
					socket.setSoTimeout(5000);
					socket.startHandshake();
					this.served.add(((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber());
					this.handshakes.incrementAndGet();
				}
				catch (IOException | RuntimeException ex) {
					if (!Thread.currentThread().isInterrupted()) {
						this.failure.compareAndSet(null, ex);
					}
					return;
				}
			}
		}, "handshake-loop");
		this.thread.start();
	}

	/** How many handshakes succeeded. */
	public int handshakes() {
		return this.handshakes.get();
	}

	/** The serials of the certificates served. */
	public Set<BigInteger> served() {
		return this.served;
	}

	/** The first failure, which stopped the loop, or {@code null}. */
	public @Nullable Throwable failure() {
		return this.failure.get();
	}

	/** Stop handshaking, and wait for the handshake under way. */
	@Override
	public void close() throws InterruptedException {
		this.thread.interrupt();
		this.thread.join(5000);
	}

}
