package dev.tlsboot.core.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;

/**
 * A JSSE server on 127.0.0.1 and clients connecting to it, for tests of real handshakes. Every blocking call has a
 * timeout, so a broken handshake fails the test instead of hanging it.
 */
final class LoopbackTls implements AutoCloseable {

	static final int TIMEOUT_MILLIS = 10_000;

	private static final char[] PASSWORD = "test".toCharArray();

	private final SSLServerSocket serverSocket;

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	private LoopbackTls(SSLServerSocket serverSocket) {
		this.serverSocket = serverSocket;
	}

	/**
	 * Listen on an ephemeral port of 127.0.0.1.
	 * @param context the server's context
	 * @param parameters adjusts the SSL parameters every accepted socket gets
	 */
	static LoopbackTls start(SSLContext context, Consumer<SSLParameters> parameters) throws IOException {
		SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
			.createServerSocket(0, 10, InetAddress.getLoopbackAddress());
		socket.setSoTimeout(TIMEOUT_MILLIS);
		SSLParameters sslParameters = socket.getSSLParameters();
		parameters.accept(sslParameters);
		socket.setSSLParameters(sslParameters);
		return new LoopbackTls(socket);
	}

	/**
	 * A context with a key (when {@code identity} is not {@code null}) that trusts {@code trusted}'s root, through a
	 * trust manager that records its verdict as TLS Boot's will.
	 */
	static SSLContext context(IssuedCertificate identity, CertificateAuthority trusted) throws Exception {
		KeyStore keys = KeyStore.getInstance("PKCS12");
		keys.load(null, null);
		if (identity != null) {
			keys.setKeyEntry("key", identity.keyPair().getPrivate(), PASSWORD,
					identity.chain().toArray(X509Certificate[]::new));
		}
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, PASSWORD);
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("ca", trusted.rootCertificate());
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), new TrustManager[] {
				new RecordingTrustManager((X509ExtendedTrustManager) trustManagers.getTrustManagers()[0]) }, null);
		return context;
	}

	/**
	 * Connect to 127.0.0.1 under the name {@code host}, complete the handshake on both sides and exchange a byte each
	 * way, so that TLS 1.3 session tickets have arrived.
	 */
	Connection connect(SSLContext context, String host, Consumer<SSLParameters> parameters) throws Exception {
		Future<Side> accepted = this.executor.submit(() -> {
			SSLSocket socket = (SSLSocket) this.serverSocket.accept();
			socket.setSoTimeout(TIMEOUT_MILLIS);
			Instant started = Instant.now();
			socket.startHandshake();
			socket.getInputStream().read();
			socket.getOutputStream().write(2);
			socket.getOutputStream().flush();
			return new Side(socket, started);
		});
		Socket plain = new Socket();
		plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.serverSocket.getLocalPort()),
				TIMEOUT_MILLIS);
		plain.setSoTimeout(TIMEOUT_MILLIS);
		SSLSocket client = (SSLSocket) context.getSocketFactory()
			.createSocket(plain, host, this.serverSocket.getLocalPort(), true);
		SSLParameters sslParameters = client.getSSLParameters();
		parameters.accept(sslParameters);
		client.setSSLParameters(sslParameters);
		Instant started = Instant.now();
		client.startHandshake();
		client.getOutputStream().write(1);
		client.getOutputStream().flush();
		client.getInputStream().read();
		Side server = accepted.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
		return new Connection(new Side(client, started), server);
	}

	@Override
	public void close() throws IOException {
		this.executor.shutdownNow();
		this.serverSocket.close();
	}

	/**
	 * Complete a handshake between two engines in memory.
	 */
	static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
		ByteBuffer toServer = ByteBuffer.allocate(1 << 16);
		ByteBuffer toClient = ByteBuffer.allocate(1 << 16);
		client.beginHandshake();
		server.beginHandshake();
		for (int round = 0; round < 20; round++) {
			step(client, toServer, toClient);
			step(server, toClient, toServer);
			if (client.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
					&& server.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
				return;
			}
		}
		throw new IllegalStateException("The engines did not finish their handshake");
	}

	private static void step(SSLEngine engine, ByteBuffer outbound, ByteBuffer inbound) throws SSLException {
		ByteBuffer application = ByteBuffer.allocate(1 << 16);
		inbound.flip();
		while (inbound.hasRemaining() && engine.unwrap(inbound, application).bytesConsumed() > 0) {
			runTasks(engine);
		}
		inbound.compact();
		runTasks(engine);
		while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
			engine.wrap(ByteBuffer.allocate(0), outbound);
			runTasks(engine);
		}
	}

	private static void runTasks(SSLEngine engine) {
		Runnable task;
		while ((task = engine.getDelegatedTask()) != null) {
			task.run();
		}
	}

	/** One end of a connection and when its handshake started. */
	record Side(SSLSocket socket, Instant handshakeStarted) {

	}

	/** Both ends of a connection. */
	record Connection(Side client, Side server) implements AutoCloseable {

		/**
		 * Close both ends at once: in TLS 1.3 each end waits for the other's close_notify before it lets go.
		 */
		@Override
		public void close() throws Exception {
			CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
				try {
					this.server.socket().close();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			this.client.socket().close();
			server.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
		}

	}

	/** Stands in for TLS Boot's trust manager: verifies with PKIX and stores the verdict in the handshake session. */
	static final class RecordingTrustManager extends X509ExtendedTrustManager {

		private final X509ExtendedTrustManager delegate;

		RecordingTrustManager(X509ExtendedTrustManager delegate) {
			this.delegate = delegate;
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			record(((SSLSocket) socket).getHandshakeSession(),
					() -> this.delegate.checkClientTrusted(chain, authType, socket));
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			record(((SSLSocket) socket).getHandshakeSession(),
					() -> this.delegate.checkServerTrusted(chain, authType, socket));
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			record(engine.getHandshakeSession(), () -> this.delegate.checkClientTrusted(chain, authType, engine));
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			record(engine.getHandshakeSession(), () -> this.delegate.checkServerTrusted(chain, authType, engine));
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			this.delegate.checkClientTrusted(chain, authType);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			this.delegate.checkServerTrusted(chain, authType);
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return this.delegate.getAcceptedIssuers();
		}

		private static void record(SSLSession session, Check check) throws CertificateException {
			try {
				check.run();
				VerifyResult.store(session, VerifyResult.OK);
			}
			catch (CertificateException ex) {
				VerifyResult.store(session, VerifyResult.failed(ex.getMessage()));
				throw ex;
			}
		}

		@FunctionalInterface
		private interface Check {

			void run() throws CertificateException;

		}

	}

}
