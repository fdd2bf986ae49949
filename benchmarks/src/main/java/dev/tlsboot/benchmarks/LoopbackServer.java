package dev.tlsboot.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server side of one trial, on 127.0.0.1: an accept loop hands each connection to a small pool of workers, as
 * a blocking server does, which runs the handler and closes the connection. Failures are counted, and
 * {@link #check()} reports them, so that a run whose server failed never passes as a fast one.
 */
final class LoopbackServer implements AutoCloseable {

	/** Two workers: enough for one client, and no more threads than this 2-core machine has cores. */
	private static final int WORKERS = 2;

	private final ServerSocket listener;

	private final Handler handler;

	private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, LoopbackServer::daemon);

	private final Thread acceptor;

	private final AtomicLong failures = new AtomicLong();

	private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

	private LoopbackServer(ServerSocket listener, Handler handler) {
		this.listener = listener;
		this.handler = handler;
		this.acceptor = daemon(this::accept);
		this.acceptor.start();
	}

	/**
	 * Serve every connection {@code listener} accepts with {@code handler}, until closed.
	 * @param listener a bound server socket with an accept timeout
	 * @param handler what to do with each connection before it is closed
	 * @return the running server
	 */
	static LoopbackServer start(ServerSocket listener, Handler handler) {
		return new LoopbackServer(listener, handler);
	}

	/** The port clients connect to. */
	int port() {
		return this.listener.getLocalPort();
	}

	/** Throws when any connection failed on the server's side since it started. */
	void check() throws IOException {
		if (this.failures.get() > 0) {
			throw new IOException(this.failures.get() + " connections failed on the server's side, the first with: "
					+ this.firstFailure.get(), this.firstFailure.get());
		}
	}

	/** Runs until {@link #close()} closes the listener; an idle accept times out and looks again. */
	private void accept() {
		while (!this.listener.isClosed()) {
			try {
				Socket socket = this.listener.accept();
				this.workers.execute(() -> serve(socket));
			}
			catch (SocketTimeoutException ex) {
				// idle: look again whether the server was closed
			}
			catch (IOException | RuntimeException ex) {
				if (!this.listener.isClosed()) {
					fail(ex);
				}
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			socket.setTcpNoDelay(true);
			socket.setSoTimeout(Endpoints.TIMEOUT_MILLIS);
			this.handler.serve(socket);
		}
		catch (IOException | RuntimeException ex) {
			fail(ex);
		}
	}

	private void fail(Exception ex) {
		this.failures.incrementAndGet();
		this.firstFailure.compareAndSet(null, ex);
	}

	@Override
	public void close() throws IOException {
		this.listener.close();
		this.workers.shutdown();
		try {
			// Every accept and read has a timeout, so the threads end within it.
			this.workers.awaitTermination(Endpoints.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
			this.acceptor.join(Endpoints.TIMEOUT_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Thread daemon(Runnable task) {
		Thread thread = new Thread(task, "loopback-server");
		thread.setDaemon(true);
		return thread;
	}

	/** What the server does with one connection; the server closes it afterwards. */
	@FunctionalInterface
	interface Handler {

		void serve(Socket socket) throws IOException;

	}

}
