package dev.tlsboot.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The {@code openssl} command line as a real TLS peer for interop tests. Tests that use it are skipped, with the
 * reason shown, on a machine without it; {@code .ci/run} installs it.
 */
final class OpenSsl {

	private static final boolean AVAILABLE = probe();

	private OpenSsl() {
	}

	static void assumeAvailable() {
		Assumptions.assumeTrue(AVAILABLE, "openssl is not on the PATH: interop test skipped (apt-get install openssl)");
	}

	private static boolean probe() {
		try {
			Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
			return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

	/** A free port on 127.0.0.1 for a server process to listen on. */
	static int freePort() throws IOException {
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return probe.getLocalPort();
		}
	}

	/** Run {@code openssl args...} with {@code input} on stdin and return stdout and stderr, within 20 s. */
	static String run(String input, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("openssl"));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		if (!process.waitFor(20, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("openssl " + args[0] + " did not finish within 20 s");
		}
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}

	/**
	 * Start {@code openssl s_server} on 127.0.0.1 and wait until it accepts connections.
	 * @param args options after {@code -accept}
	 * @return the running server; close it to stop it
	 */
	static Server server(String... args) throws IOException, InterruptedException {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Server server = new Server(process, port);
		if (!server.ready.await(10, TimeUnit.SECONDS)) {
			server.close();
			throw new AssertionError("openssl s_server did not start: " + server.output());
		}
		return server;
	}

	/** Write {@code content} to a file in {@code dir} and return its path as text, for command arguments. */
	static String write(Path dir, String name, String content) {
		try {
			return Files.writeString(dir.resolve(name), content).toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A running {@code openssl s_server}. */
	static final class Server implements AutoCloseable {

		private final Process process;

		private final int port;

		private final CountDownLatch ready = new CountDownLatch(1);

		private final StringBuffer output = new StringBuffer();

		private Server(Process process, int port) {
			this.process = process;
			this.port = port;
			Thread reader = new Thread(this::read, "openssl-s_server-output");
			reader.setDaemon(true);
			reader.start();
		}

		private void read() {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					this.output.append(line).append('\n');
					if (line.startsWith("ACCEPT")) {
						this.ready.countDown();
					}
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}

		int port() {
			return this.port;
		}

		String output() {
			return this.output.toString();
		}

		@Override
		public void close() {
			this.process.destroyForcibly();
		}

	}

}
