package dev.tlsboot.autoconfigure.amqp;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import dev.tlsboot.autoconfigure.ConsumerTesting;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.OpenSslCli;

/**
 * A Debian {@code rabbitmq-server} as a node of its own: its name, database, logs, configuration and Erlang cookie in
 * one directory, an AMQP and a TLS listener on 127.0.0.1 at random ports, the TLS one requiring a client certificate
 * ({@code verify_peer}, {@code fail_if_no_peer_cert}), and its Erlang distribution and port mapper (epmd) on random
 * ports too, so that it never meets a RabbitMQ of the system or an epmd on 4369. Started once per test class.
 */
final class RabbitBroker implements AutoCloseable {

	/** Where Debian puts the server's own scripts; {@code /usr/sbin/rabbitmq-server} would run them as user rabbitmq. */
	private static final Path DEBIAN_SCRIPTS = Path.of("/usr/lib/rabbitmq/bin");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(40);

	private final Process process;

	private final int tlsPort;

	private final int epmdPort;

	private final Path log;

	private final long started;

	private Duration startup;

	private RabbitBroker(Process process, long started, int tlsPort, int epmdPort, Path log) {
		this.process = process;
		this.started = started;
		this.tlsPort = tlsPort;
		this.epmdPort = epmdPort;
		this.log = log;
	}

	/**
	 * Start one, serving {@code certificate} and trusting client certificates of the CA in {@code caPem}; skips the
	 * test class when rabbitmq-server is not installed.
	 * @throws IllegalStateException when the broker does not listen in time
	 */
	static RabbitBroker start(Path directory, IssuedCertificate certificate, String caPem) throws IOException {
		Optional<Path> script = script();
		Assumptions.assumeTrue(script.isPresent(), "rabbitmq-server is not installed: RabbitMQ tests skipped "
				+ "(Debian: apt-get install rabbitmq-server; .ci/run installs it)");
		Files.writeString(directory.resolve("server.crt"), certificate.chainPem());
		Files.writeString(directory.resolve("server.key"), certificate.privateKeyPem());
		Files.writeString(directory.resolve("ca.crt"), caPem);
		int amqpPort = OpenSslCli.freePort();
		int tlsPort = OpenSslCli.freePort();
		int distributionPort = OpenSslCli.freePort();
		int epmdPort = OpenSslCli.freePort();
		Path config = Files.writeString(directory.resolve("rabbitmq.conf"), String.join("\n",
				"listeners.tcp.1 = 127.0.0.1:" + amqpPort,
				"listeners.ssl.1 = 127.0.0.1:" + tlsPort,
				"ssl_options.cacertfile = " + directory.resolve("ca.crt"),
				"ssl_options.certfile = " + directory.resolve("server.crt"),
				"ssl_options.keyfile = " + directory.resolve("server.key"),
				"ssl_options.verify = verify_peer",
				"ssl_options.fail_if_no_peer_cert = true", ""));
		ProcessBuilder builder = new ProcessBuilder(script.get().toString()).directory(directory.toFile());
		Map<String, String> environment = builder.environment();
		// Nothing of a RabbitMQ or an Erlang set up for the machine or the user
		environment.keySet().removeIf((name) -> name.startsWith("RABBITMQ_") || name.startsWith("ERL_"));
		environment.put("HOME", directory.toString());
		environment.put("RABBITMQ_NODENAME", "tlsboot-" + ProcessHandle.current().pid() + "-" + tlsPort + "@localhost");
		environment.put("RABBITMQ_MNESIA_BASE", directory.resolve("mnesia").toString());
		environment.put("RABBITMQ_LOG_BASE", directory.resolve("log").toString());
		environment.put("RABBITMQ_LOGS", "-");
		environment.put("RABBITMQ_CONFIG_FILE", config.toString());
		environment.put("RABBITMQ_ADVANCED_CONFIG_FILE", directory.resolve("advanced.config").toString());
		environment.put("RABBITMQ_CONF_ENV_FILE", directory.resolve("rabbitmq-env.conf").toString());
		environment.put("RABBITMQ_ENABLED_PLUGINS_FILE",
				Files.writeString(directory.resolve("enabled_plugins"), "[].").toString());
		environment.put("RABBITMQ_DIST_PORT", String.valueOf(distributionPort));
		environment.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
		environment.put("ERL_EPMD_PORT", String.valueOf(epmdPort));
		environment.put("ERL_EPMD_ADDRESS", "127.0.0.1");
		Path log = directory.resolve("rabbitmq.log");
		long started = System.nanoTime();
		RabbitBroker broker = new RabbitBroker(builder.redirectErrorStream(true).redirectOutput(log.toFile()).start(),
				started, tlsPort, epmdPort, log);
		broker.awaitListening();
		return broker;
	}

	/** The server's script: Debian's, else one on the PATH (a generic Unix install). */
	private static Optional<Path> script() {
		Stream<Path> directories = Stream.concat(Stream.of(DEBIAN_SCRIPTS),
				Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).map(Path::of));
		return directories.map((directory) -> directory.resolve("rabbitmq-server")).filter(Files::isExecutable)
			.findFirst();
	}

	/** The TLS listener's port on 127.0.0.1. */
	int tlsPort() {
		return this.tlsPort;
	}

	/** How long the broker took from its start until its TLS listener accepted a connection. */
	Duration startup() {
		return this.startup;
	}

	private void awaitListening() throws IOException {
		if (!ConsumerTesting.awaitListening(this.process, this.tlsPort, START_TIMEOUT)) {
			String failure = this.process.isAlive()
					? "did not listen on " + this.tlsPort + " within " + START_TIMEOUT : "exited";
			close();
			throw new IllegalStateException("rabbitmq-server " + failure + ": " + Files.readString(this.log));
		}
		this.startup = Duration.ofNanos(System.nanoTime() - this.started);
	}

	/** Stops the node (the script stops it as {@code rabbitmqctl stop} would), then its epmd. */
	@Override
	public void close() {
		List<ProcessHandle> node = this.process.descendants().toList();
		ConsumerTesting.stop(this.process);
		try {
			// The Erlang VM, should the script have gone without it
			node.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
			// epmd ran as a daemon of its own, on this node's port only
			Process epmd = new ProcessBuilder("epmd", "-port", String.valueOf(this.epmdPort), "-kill")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!epmd.waitFor(ConsumerTesting.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				epmd.destroyForcibly();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot stop the epmd of the RabbitMQ node on port " + this.epmdPort, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
