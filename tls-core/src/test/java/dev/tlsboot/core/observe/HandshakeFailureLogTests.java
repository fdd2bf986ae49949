package dev.tlsboot.core.observe;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.observe.TrackedConnection.State;
import dev.tlsboot.pki.CertificateAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Failed server handshakes in the log: each at DEBUG, a summary at INFO once per interval, never a line each above. */
class HandshakeFailureLogTests {

	private static final Duration INTERVAL = Duration.ofSeconds(2);

	private static final Pattern SUMMARY = Pattern
		.compile("^(\\d+) TLS handshakes? failed on the server side in the last 2 s: ");

	private final Recorder log = new Recorder();

	private final ConnectionRegistry registry = new ConnectionRegistry(100, true,
			new HandshakeFailureLog(this.log, INTERVAL));

	@Test
	void failedServerHandshakesAreEachAtDebugAndSummarizedOncePerInterval() throws Exception {
		CertificateAuthority ca = CertificateAuthority.root("Log Test CA");
		TlsContext server = TlsContext.builder(TlsOptions.builder().require(true).build())
			.name("web")
			.material(new TlsMaterial(ca.issueServer("localhost").keyMaterial(), List.of(ca.rootCertificate())))
			.registry(this.registry)
			.build();
		TlsContext anonymous = TlsContext.builder(TlsOptions.defaults())
			.material(new TlsMaterial(null, List.of(ca.rootCertificate())))
			.registry(ConnectionRegistry.disabled())
			.build();
		ExecutorService handshakes = Executors.newCachedThreadPool();
		long started = System.nanoTime();
		try (ServerSocket listening = server.serverSocketFactory()
			.createServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			handshakes.execute(() -> acceptAndHandshake(listening, 8));
			for (int i = 0; i < 6; i++) {
				sendPlaintext(listening.getLocalPort());
			}
			for (int i = 0; i < 2; i++) {
				assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
					// With TLS 1.3 the client may finish its side before the server's refusal arrives
					try (SSLSocket socket = anonymous.connect("localhost", listening.getLocalPort())) {
						socket.getOutputStream().write('x');
						socket.getInputStream().read();
					}
				});
			}
			awaitFailures(8);
		}
		finally {
			handshakes.shutdownNow();
		}
		Duration failing = Duration.ofNanos(System.nanoTime() - started);
		List<String> debug = this.log.at(Level.DEBUG);
		assertThat(debug).hasSize(8).allMatch((line) -> line.contains("(context 'web', connection #"));
		assertThat(debug).filteredOn((line) -> line.contains("PLAINTEXT_PEER")).hasSize(6)
			.allMatch((line) -> line.contains("the peer does not speak TLS on this port"));
		assertThat(debug).filteredOn((line) -> line.contains("CLIENT_CERTIFICATE_REQUIRED")).hasSize(2);
		List<String> summaries = awaitSummariesOf(8);
		// One per interval: one, unless the handshakes took longer than an interval
		assertThat(summaries).hasSizeLessThanOrEqualTo(1 + (int) (failing.toMillis() / INTERVAL.toMillis()));
		assertThat(counted(summaries, "PLAINTEXT_PEER (\\d+)")).isEqualTo(6);
		assertThat(counted(summaries, "CLIENT_CERTIFICATE_REQUIRED (\\d+)")).isEqualTo(2);
		assertThat(summaries.get(summaries.size() - 1)).contains("(each failure at DEBUG by 'dev.tlsboot.handshake'");
		// Quiet once the failures stop, and never a line per handshake above DEBUG
		Thread.sleep(INTERVAL.toMillis() + 500);
		assertThat(this.log.at(Level.INFO)).isEqualTo(summaries);
		assertThat(this.log.lines).extracting(Map.Entry::getKey).containsOnly(Level.DEBUG, Level.INFO);
	}

	@Test
	void aClientsFailureIsLeftToItsCaller() throws Exception {
		CertificateAuthority ca = CertificateAuthority.root("Log Test CA");
		TlsContext client = TlsContext.builder(TlsOptions.defaults())
			.material(new TlsMaterial(null, List.of(ca.rootCertificate())))
			.registry(this.registry)
			.build();
		try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Executors.newSingleThreadExecutor().execute(() -> answerPlaintext(plain));
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> client.connect("localhost", plain.getLocalPort()));
		}
		assertThat(this.registry.connections(State.FAILED, null, null)).hasSize(1);
		Thread.sleep(INTERVAL.toMillis() + 500);
		assertThat(this.log.lines).isEmpty();
	}

	private static void acceptAndHandshake(ServerSocket listening, int count) {
		for (int i = 0; i < count; i++) {
			try (SSLSocket accepted = (SSLSocket) listening.accept()) {
				accepted.startHandshake();
				accepted.getInputStream().read();
			}
			catch (IOException ex) {
				// every handshake fails: what this test is about
			}
		}
	}

	private static void sendPlaintext(int port) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			while (in.read() >= 0) {
				// until the server gives up on it
			}
		}
		catch (IOException ex) {
			// a reset is as good as a close
		}
	}

	private static void answerPlaintext(ServerSocket plain) {
		try (Socket socket = plain.accept()) {
			socket.getInputStream().read(new byte[512]);
			socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			// the client gave up: expected
		}
	}

	private void awaitFailures(int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.registry.connections(State.FAILED, null, null).size() < count && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(this.registry.connections(State.FAILED, null, null)).hasSize(count);
	}

	/** The summaries, once they have counted {@code total} failures between them. */
	private List<String> awaitSummariesOf(int total) throws InterruptedException {
		long deadline = System.nanoTime() + INTERVAL.toNanos() * 4;
		while (counted(this.log.at(Level.INFO), SUMMARY.pattern()) < total && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		List<String> summaries = this.log.at(Level.INFO);
		assertThat(counted(summaries, SUMMARY.pattern())).isEqualTo(total);
		return summaries;
	}

	private static int counted(List<String> lines, String count) {
		int sum = 0;
		for (String line : lines) {
			Matcher matcher = Pattern.compile(count).matcher(line);
			if (matcher.find()) {
				sum += Integer.parseInt(matcher.group(1));
			}
		}
		return sum;
	}

	/** A logger that keeps every line, whatever the logging backend of the test run. */
	private static final class Recorder implements System.Logger {

		final List<Map.Entry<Level, String>> lines = new CopyOnWriteArrayList<>();

		List<String> at(Level level) {
			return this.lines.stream().filter((line) -> line.getKey() == level).map(Map.Entry::getValue).toList();
		}

		@Override
		public String getName() {
			return HandshakeFailureLog.LOGGER;
		}

		@Override
		public boolean isLoggable(Level level) {
			return true;
		}

		@Override
		public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
			this.lines.add(Map.entry(level, message));
		}

		@Override
		public void log(Level level, ResourceBundle bundle, String format, Object... parameters) {
			this.lines.add(Map.entry(level, (parameters != null) ? MessageFormat.format(format, parameters) : format));
		}

	}

}
