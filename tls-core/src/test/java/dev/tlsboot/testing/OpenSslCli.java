package dev.tlsboot.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The {@code openssl} command line, and the JDK's {@code keytool}, as references and real peers for interop tests.
 * Tests that need a tool skip, with the reason shown, on a machine without it; {@code .ci/run} installs openssl.
 * Every command is bounded in time and has its standard error merged into its output.
 */
public final class OpenSslCli {

	private static final String KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();

	private static final long TIMEOUT_SECONDS = 60;

	/** What {@code openssl version} prints, or {@code null} when openssl does not run. */
	private static final String VERSION = probe("openssl", "version");

	private static final boolean KEYTOOL_AVAILABLE = probe(KEYTOOL, "-help") != null;

	private OpenSslCli() {
	}

	/** Skip the test unless {@code openssl} runs. */
	public static void assumeAvailable() {
		Assumptions.assumeTrue(VERSION != null,
				"openssl is not on the PATH: interop test skipped (apt-get install openssl)");
	}

	/** Skip the test unless {@code openssl} runs and is OpenSSL 3, the reference for cipher strings and levels. */
	public static void assumeOpenSsl3() {
		Assumptions.assumeTrue(VERSION != null && VERSION.startsWith("OpenSSL 3"),
				"the openssl 3 command line is needed as the reference");
	}

	/** Skip the test unless the JDK's {@code keytool} runs. */
	public static void assumeKeytool() {
		Assumptions.assumeTrue(KEYTOOL_AVAILABLE, "keytool not found in java.home");
	}

	/**
	 * Run {@code openssl arguments...} in a directory.
	 * @param directory the working directory
	 * @param arguments the arguments after {@code openssl}
	 * @return how it ended and what it printed
	 */
	public static Result openssl(Path directory, String... arguments) {
		return run(directory, "", command("openssl", arguments));
	}

	/**
	 * Run {@code openssl arguments...} with {@code input} on its standard input, e.g. for {@code s_client}.
	 * @param input what to write to the standard input, which is then closed
	 * @param arguments the arguments after {@code openssl}
	 * @return how it ended and what it printed
	 */
	public static Result opensslWithInput(String input, String... arguments) {
		return run(Path.of("."), input, command("openssl", arguments));
	}

	/**
	 * Run {@code curl --silent --show-error --max-time 10 arguments...}, skipping the test when curl does not run.
	 * @param arguments the arguments after those
	 * @return how it ended and what it printed
	 */
	public static Result curl(String... arguments) {
		Assumptions.assumeTrue(probe("curl", "--version") != null, "curl is not on the PATH: interop test skipped");
		List<String> command = new ArrayList<>(List.of("--silent", "--show-error", "--max-time", "10"));
		command.addAll(List.of(arguments));
		return run(Path.of("."), "", command("curl", command.toArray(String[]::new)));
	}

	/**
	 * Run the JDK's {@code keytool arguments...} in a directory.
	 * @param directory the working directory
	 * @param arguments the arguments after {@code keytool}
	 * @return how it ended and what it printed
	 */
	public static Result keytool(Path directory, String... arguments) {
		return run(directory, "", command(KEYTOOL, arguments));
	}

	/**
	 * The standard names that {@code openssl ciphers -stdname} prints for a string, TLS 1.3 suites included.
	 * @param cipherString an OpenSSL cipher string
	 * @param options more options, e.g. {@code -s}, before the string
	 * @return the suites in OpenSSL's order
	 */
	public static List<String> ciphers(String cipherString, String... options) {
		List<String> arguments = new ArrayList<>(List.of("ciphers", "-stdname"));
		arguments.addAll(Arrays.asList(options));
		arguments.add(cipherString);
		return openssl(Path.of("."), arguments.toArray(String[]::new)).checked()
			.lines()
			.map((line) -> line.split("\\s+")[0])
			.toList();
	}

	/**
	 * Start {@code openssl s_server} on 127.0.0.1 and wait until it accepts connections.
	 * @param arguments options after {@code -accept}
	 * @return the running server; close it to stop it
	 */
	public static Server server(String... arguments) throws IOException, InterruptedException {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port));
		command.addAll(List.of(arguments));
		return start(new ProcessBuilder(command), port, "openssl s_server");
	}

	private static Server start(ProcessBuilder command, int port, String what)
			throws IOException, InterruptedException {
		Server server = new Server(command.redirectErrorStream(true).start(), port);
		if (!server.ready.await(10, TimeUnit.SECONDS)) {
			server.close();
			throw new AssertionError(what + " did not start: " + server.output());
		}
		return server;
	}

	/**
	 * Start {@code openssl ocsp} as a responder on {@code port} and wait until it accepts connections.
	 * @param directory the working directory, where the index and the signer's files are
	 * @param port the port, chosen before the certificates that name the responder were issued
	 * @param arguments options after {@code -port}
	 * @return the running responder; close it to stop it
	 */
	public static Server ocspResponder(Path directory, int port, String... arguments)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("openssl", "ocsp", "-port", String.valueOf(port)));
		command.addAll(List.of(arguments));
		return start(new ProcessBuilder(command).directory(directory.toFile()), port, "openssl ocsp");
	}

	private static Result run(Path directory, String input, List<String> command) {
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.start();
			process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(command + " did not finish within " + TIMEOUT_SECONDS + " s");
			}
			return new Result(command, process.exitValue(), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(command + " did not run", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(command + " was interrupted", ex);
		}
	}

	private static List<String> command(String program, String... arguments) {
		List<String> command = new ArrayList<>(List.of(program));
		command.addAll(List.of(arguments));
		return command;
	}

	private static String probe(String... command) {
		try {
			Result result = run(Path.of("."), "", List.of(command));
			return (result.exitCode() == 0) ? result.output() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** A port nothing listens on now, on 127.0.0.1. */
	public static int freePort() throws IOException {
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return probe.getLocalPort();
		}
	}

	/**
	 * How a command ended and what it printed.
	 *
	 * @param command the command line
	 * @param exitCode its exit code
	 * @param output its standard output and error
	 */
	public record Result(List<String> command, int exitCode, String output) {

		/**
		 * The output of a command that succeeded.
		 * @return the output
		 * @throws IllegalStateException with the output when the command failed
		 */
		public String checked() {
			if (this.exitCode != 0) {
				throw new IllegalStateException(String.join(" ", this.command) + " failed:\n" + this.output);
			}
			return this.output;
		}

	}

	/** A running {@code openssl s_server} or {@code openssl ocsp}. */
	public static final class Server implements AutoCloseable {

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

		/** The port it listens on, on 127.0.0.1. */
		public int port() {
			return this.port;
		}

		/** What it printed so far. */
		public String output() {
			return this.output.toString();
		}

		@Override
		public void close() {
			this.process.destroyForcibly();
		}

	}

}
