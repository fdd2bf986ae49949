package dev.tlsboot.autoconfigure.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

import dev.tlsboot.autoconfigure.ConsumerTesting;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.OpenSslCli;

/**
 * A real SMTP server on 127.0.0.1 that requires a client certificate: Debian's aiosmtpd ({@code python3-aiosmtpd}),
 * run by Debian's own {@code /usr/bin/python3} (not whatever {@code python3} the PATH finds first) from
 * {@code smtp-server.py} beside this class. It wants STARTTLS before a message, or TLS from the connect; every
 * message it accepts is recorded with the client certificate it saw. Started per test class.
 */
final class SmtpServer implements AutoCloseable {

	private static final String PYTHON = "/usr/bin/python3";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** How the client starts TLS. */
	enum Mode {

		/** Plain SMTP, STARTTLS required before MAIL. */
		STARTTLS,

		/** TLS from the connect (SMTPS, port 465 style). */
		IMPLICIT_TLS

	}

	/**
	 * A message the server accepted.
	 *
	 * @param protocol the TLS protocol it came over
	 * @param client the subject of the client certificate, e.g. {@code CN=mail-client}
	 * @param from the envelope sender
	 * @param to the envelope recipients
	 * @param content the message as received
	 */
	record Received(String protocol, String client, String from, List<String> to, String content) {
	}

	private final Process process;

	private final int port;

	private final Path messages;

	private final StringBuffer output = new StringBuffer();

	private final CountDownLatch ready = new CountDownLatch(1);

	private SmtpServer(Process process, int port, Path messages) {
		this.process = process;
		this.port = port;
		this.messages = messages;
		Thread reader = new Thread(this::read, "aiosmtpd-output");
		reader.setDaemon(true);
		reader.start();
	}

	/** Whether Debian's Python has aiosmtpd: without it the mail tests are skipped. */
	static boolean isAvailable() {
		try {
			Process probe = new ProcessBuilder(PYTHON, "-c", "import aiosmtpd").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return probe.waitFor(ConsumerTesting.TIMEOUT.toSeconds(), TimeUnit.SECONDS) && probe.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Start one in {@code directory}, serving {@code certificate} and requiring client certificates of the CA in
	 * {@code caPem}; {@link #awaitReady()} waits until it accepts connections, so that several start side by side.
	 */
	static SmtpServer start(Path directory, IssuedCertificate certificate, String caPem, Mode mode)
			throws IOException {
		Path script = directory.resolve("smtp-server.py");
		try (InputStream source = SmtpServer.class.getResourceAsStream("smtp-server.py")) {
			Files.copy(source, script);
		}
		Files.writeString(directory.resolve("server.crt"), certificate.chainPem());
		Files.writeString(directory.resolve("server.key"), certificate.privateKeyPem());
		Files.writeString(directory.resolve("ca.crt"), caPem);
		Path messages = Files.createDirectory(directory.resolve("messages"));
		int port = OpenSslCli.freePort();
		List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), String.valueOf(port),
				directory.resolve("server.crt").toString(), directory.resolve("server.key").toString(),
				directory.resolve("ca.crt").toString(), messages.toString()));
		if (mode == Mode.IMPLICIT_TLS) {
			command.add("--implicit-tls");
		}
		return new SmtpServer(new ProcessBuilder(command).redirectErrorStream(true).start(), port, messages);
	}

	/**
	 * Wait until it accepts connections.
	 * @return this server
	 * @throws IllegalStateException when it does not in time; it is stopped then
	 */
	SmtpServer awaitReady() throws InterruptedException {
		if (!this.ready.await(ConsumerTesting.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			close();
			throw new IllegalStateException("aiosmtpd did not listen on " + this.port + " within "
					+ ConsumerTesting.TIMEOUT + ":\n" + this.output);
		}
		return this;
	}

	private void read() {
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				this.output.append(line).append('\n');
				if (line.equals("READY")) {
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

	/** The messages accepted so far, in the order they came. */
	List<Received> received() throws IOException {
		try (Stream<Path> files = Files.list(this.messages)) {
			return files.filter((file) -> file.toString().endsWith(".json"))
				.sorted(Comparator.comparingInt(SmtpServer::number))
				.map((file) -> JSON.readValue(file.toFile(), Received.class))
				.toList();
		}
	}

	/** The message accepted last. */
	Received last() throws IOException {
		List<Received> received = received();
		if (received.isEmpty()) {
			throw new AssertionError("No message arrived; the server said:\n" + this.output);
		}
		return received.get(received.size() - 1);
	}

	private static int number(Path file) {
		String name = file.getFileName().toString();
		return Integer.parseInt(name.substring(0, name.indexOf('.')));
	}

	@Override
	public void close() {
		ConsumerTesting.stop(this.process);
	}

}
