package dev.tlsboot.autoconfigure.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

import dev.tlsboot.autoconfigure.ConsumerTesting;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.OpenSslCli;

/**
 * A Debian {@code redis-server} on 127.0.0.1 that speaks only TLS and requires client certificates
 * ({@code tls-auth-clients yes}), with no persistence, in a directory of its own; started per test class.
 */
final class RedisServer implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path log;

	private RedisServer(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Start one, serving {@code certificate} and trusting client certificates of the CA in {@code caPem}.
	 * Skips the test class when redis-server is not installed, as the other peers do.
	 * @throws IllegalStateException when redis-server does not listen in time
	 */
	static RedisServer start(Path directory, IssuedCertificate certificate, String caPem) throws IOException {
		Files.writeString(directory.resolve("server.crt"), certificate.chainPem());
		Files.writeString(directory.resolve("server.key"), certificate.privateKeyPem());
		Files.writeString(directory.resolve("ca.crt"), caPem);
		int port = OpenSslCli.freePort();
		Path log = directory.resolve("redis.log");
		List<String> command = List.of("redis-server", "--bind", "127.0.0.1", "--port", "0", "--tls-port",
				String.valueOf(port), "--tls-cert-file", directory.resolve("server.crt").toString(), "--tls-key-file",
				directory.resolve("server.key").toString(), "--tls-ca-cert-file", directory.resolve("ca.crt").toString(),
				"--tls-auth-clients", "yes", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir",
				directory.toString());
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		}
		catch (IOException ex) {
			return Assumptions.abort("redis-server is not installed: Redis tests skipped "
					+ "(Debian: apt-get install redis-server; .ci/run installs it)");
		}
		RedisServer server = new RedisServer(process, port, log);
		server.awaitListening();
		return server;
	}

	int port() {
		return this.port;
	}

	private void awaitListening() throws IOException {
		if (!ConsumerTesting.awaitListening(this.process, this.port, ConsumerTesting.TIMEOUT)) {
			String failure = this.process.isAlive()
					? "did not listen on " + this.port + " within " + ConsumerTesting.TIMEOUT : "exited";
			close();
			throw new IllegalStateException("redis-server " + failure + ": " + Files.readString(this.log));
		}
	}

	@Override
	public void close() {
		ConsumerTesting.stop(this.process);
	}

}
