package dev.tlsboot.autoconfigure.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;

import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.OpenSslCli;

/**
 * An Apache Kafka broker in the test JVM, in KRaft mode (broker and controller in one node), on 127.0.0.1: one SSL
 * listener per certificate given, each advertised as {@code localhost} and requiring a client certificate of the CA
 * ({@code ssl.client.auth=required}, key and trust as inline PEM), with its log in a directory of its own and a
 * plaintext listener of its own for the controller and itself. Started once per test class; small thread pools and
 * buffers keep its memory modest.
 */
final class KafkaBroker implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final KafkaRaftServer server;

	private final Map<String, Integer> ports;

	private KafkaBroker(KafkaRaftServer server, Map<String, Integer> ports) {
		this.server = server;
		this.ports = ports;
	}

	/**
	 * Format a log directory under {@code directory} and start a broker on it.
	 * @param listeners the certificate each SSL listener serves, by listener name
	 * @param caPem the CA whose client certificates the listeners accept
	 * @throws IllegalStateException when the broker does not start within 30 seconds
	 */
	static KafkaBroker start(Path directory, Map<String, IssuedCertificate> listeners, String caPem)
			throws IOException {
		quietLogs();
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (String listener : listeners.keySet()) {
			ports.put(listener, OpenSslCli.freePort());
		}
		Properties properties = properties(directory, ports, OpenSslCli.freePort(), OpenSslCli.freePort());
		properties.setProperty("ssl.client.auth", "required");
		properties.setProperty("ssl.truststore.type", "PEM");
		properties.setProperty("ssl.truststore.certificates", caPem);
		listeners.forEach((listener, certificate) -> {
			String prefix = "listener.name." + listener.toLowerCase(Locale.ROOT) + ".";
			properties.setProperty(prefix + "ssl.keystore.type", "PEM");
			properties.setProperty(prefix + "ssl.keystore.certificate.chain", certificate.chainPem());
			properties.setProperty(prefix + "ssl.keystore.key", certificate.privateKeyPem());
		});
		format(directory, properties);
		// A fatal error in the broker would otherwise end the test JVM
		Exit.setExitProcedure(KafkaBroker::refuseExit);
		Exit.setHaltProcedure(KafkaBroker::refuseExit);
		KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties), Time.SYSTEM);
		KafkaBroker broker = new KafkaBroker(server, ports);
		try {
			// startup() returns once the broker is registered and unfenced, ready for clients
			CompletableFuture.runAsync(server::startup).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			broker.close();
			throw new IllegalStateException("The Kafka broker did not start within " + TIMEOUT, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			broker.close();
			throw new IllegalStateException(ex);
		}
		return broker;
	}

	private static Properties properties(Path directory, Map<String, Integer> ports, int controllerPort,
			int internalPort) {
		StringJoiner listeners = new StringJoiner(",");
		StringJoiner advertised = new StringJoiner(",");
		StringJoiner protocols = new StringJoiner(",", "CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,", "");
		listeners.add("CONTROLLER://127.0.0.1:" + controllerPort).add("INTERNAL://127.0.0.1:" + internalPort);
		advertised.add("INTERNAL://127.0.0.1:" + internalPort);
		ports.forEach((listener, port) -> {
			listeners.add(listener + "://127.0.0.1:" + port);
			// Clients check the broker's name: they are sent to the name its certificate carries
			advertised.add(listener + "://localhost:" + port);
			protocols.add(listener + ":SSL");
		});
		Properties properties = new Properties();
		properties.setProperty("process.roles", "broker,controller");
		properties.setProperty("node.id", "1");
		properties.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
		properties.setProperty("controller.listener.names", "CONTROLLER");
		properties.setProperty("inter.broker.listener.name", "INTERNAL");
		properties.setProperty("listeners", listeners.toString());
		properties.setProperty("advertised.listeners", advertised.toString());
		properties.setProperty("listener.security.protocol.map", protocols.toString());
		properties.setProperty("log.dirs", directory.resolve("log").toString());
		// One node: every internal topic has one replica and one partition
		properties.setProperty("num.partitions", "1");
		properties.setProperty("offsets.topic.replication.factor", "1");
		properties.setProperty("offsets.topic.num.partitions", "1");
		properties.setProperty("transaction.state.log.replication.factor", "1");
		properties.setProperty("transaction.state.log.min.isr", "1");
		properties.setProperty("transaction.state.log.num.partitions", "1");
		properties.setProperty("share.coordinator.state.topic.replication.factor", "1");
		properties.setProperty("share.coordinator.state.topic.min.isr", "1");
		properties.setProperty("group.initial.rebalance.delay.ms", "0");
		// A quorum of one need not wait to elect itself, nor the broker 2 s between heartbeats to be let in
		properties.setProperty("controller.quorum.election.timeout.ms", "200");
		properties.setProperty("broker.heartbeat.interval.ms", "200");
		// Modest memory: few threads, the log cleaner's 128 MB dedupe buffer down to 2 MB, small segments
		properties.setProperty("num.network.threads", "1");
		properties.setProperty("num.io.threads", "2");
		properties.setProperty("background.threads", "2");
		properties.setProperty("num.recovery.threads.per.data.dir", "1");
		properties.setProperty("log.cleaner.threads", "1");
		properties.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
		properties.setProperty("log.segment.bytes", String.valueOf(1024 * 1024));
		return properties;
	}

	/** {@code kafka-storage.sh format}, as an operator runs it before a KRaft node's first start. */
	private static void format(Path directory, Properties properties) throws IOException {
		Path file = directory.resolve("server.properties");
		try (Writer writer = Files.newBufferedWriter(file)) {
			properties.store(writer, "TLS Boot's test broker");
		}
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int status = StorageTool.execute(new String[] { "format", "--cluster-id", Uuid.randomUuid().toString(),
				"--config", file.toString() }, new PrintStream(output, true, StandardCharsets.UTF_8));
		if (status != 0) {
			throw new IllegalStateException("kafka-storage format failed: " + output.toString(StandardCharsets.UTF_8));
		}
	}

	/** The broker logs every step at INFO: the test output keeps its warnings, and the clients'. */
	private static void quietLogs() {
		System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
		System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
		System.setProperty("org.slf4j.simpleLogger.log.state.change.logger", "warn");
	}

	private static void refuseExit(int status, String message) {
		throw new IllegalStateException("The Kafka broker asked to exit (" + status + "): " + message);
	}

	/** The bootstrap servers of a listener, as clients give them: {@code localhost:<port>}. */
	String bootstrapServers(String listener) {
		return "localhost:" + this.ports.get(listener);
	}

	@Override
	public void close() {
		try {
			this.server.shutdown();
			this.server.awaitShutdown();
		}
		finally {
			Exit.resetExitProcedure();
			Exit.resetHaltProcedure();
		}
	}

}
