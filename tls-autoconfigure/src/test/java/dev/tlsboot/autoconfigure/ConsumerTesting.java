package dev.tlsboot.autoconfigure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;

import org.springframework.context.ApplicationContext;

import dev.tlsboot.autoconfigure.reload.TlsReloads;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.SecretVolume;

import static org.awaitility.Awaitility.await;

/**
 * What the tests of the libraries TLS Boot hands a client context to (Redis, mail, ...) share: the context reading its
 * client key and trust from a Kubernetes-style secret volume, the newest registry entry of that context, bounded
 * waits for its rotations, an expired client certificate, and stopping the real peer a test class started.
 */
public final class ConsumerTesting {

	/** The longest a test waits for one thing: a reload, a peer starting or stopping. */
	public static final Duration TIMEOUT = Duration.ofSeconds(10);

	private ConsumerTesting() {
	}

	/** A secret volume in {@code directory} holding {@code client}'s key and chain, and {@code ca}'s certificate. */
	public static SecretVolume volume(Path directory, IssuedCertificate client, CertificateAuthority ca) {
		SecretVolume volume = new SecretVolume(directory);
		volume.publish(client, ca.rootCertificatePem());
		return volume;
	}

	/**
	 * Context {@code name} reading {@code tls.crt}, {@code tls.key} and {@code ca.crt} from {@code volume}.
	 * @param others more properties, e.g. the port of the peer
	 * @return {@code others} and the context's properties
	 */
	public static String[] contextProperties(String name, SecretVolume volume, String... others) {
		String prefix = "tls.contexts." + name + ".";
		return Stream.concat(Stream.of(others), Stream.of(prefix + "certfile=file:" + volume.file("tls.crt"),
				prefix + "keyfile=file:" + volume.file("tls.key"), prefix + "cafile=file:" + volume.file("ca.crt")))
			.toArray(String[]::new);
	}

	/** The newest registry entry of context {@code name} that {@code filter} accepts. */
	public static TrackedConnection newest(ApplicationContext application, String name,
			Predicate<TrackedConnection> filter) {
		return application.getBean(ConnectionRegistry.class)
			.connections(filter.and((entry) -> name.equals(entry.context())))
			.stream()
			.max(Comparator.comparingLong(TrackedConnection::id))
			.orElseThrow();
	}

	/** Wait, bounded, until context {@code name}'s rotation history satisfies {@code condition}. */
	public static TlsReloads.Status awaitStatus(ApplicationContext application, String name,
			Predicate<TlsReloads.Status> condition) {
		TlsReloads reloads = application.getBean(TlsReloads.class);
		return await().atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> reloads.status(name).orElse(null), (status) -> status != null && condition.test(status));
	}

	/** Wait until context {@code name} has taken new material {@code times} times in all. */
	public static TlsReloads.Status awaitReloads(ApplicationContext application, String name, long times) {
		return awaitStatus(application, name, (status) -> status.reloads() >= times);
	}

	/** Wait until context {@code name} has refused new material {@code times} times in all. */
	public static TlsReloads.Status awaitRefusals(ApplicationContext application, String name, long times) {
		return awaitStatus(application, name, (status) -> status.refusals() >= times);
	}

	/** A client certificate of {@code ca} whose validity ended yesterday: a set a reload must refuse. */
	public static IssuedCertificate expiredClient(CertificateAuthority ca, String commonName) {
		Instant now = Instant.now();
		return ca.issue()
			.commonName(commonName)
			.clientAuth()
			.validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
			.build();
	}

	/**
	 * Wait, bounded by {@code timeout}, until a peer's {@code process} accepts connections on 127.0.0.1:{@code port}.
	 * @return whether it does: {@code false} when it exited or did not listen in time
	 */
	public static boolean awaitListening(Process process, int port, Duration timeout) {
		try {
			await().atMost(timeout)
				.pollInterval(Duration.ofMillis(50))
				.until(() -> !process.isAlive() || accepts(port));
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
		return process.isAlive();
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Stop a peer's process: politely, then forcibly, each bounded. */
	public static void stop(Process process) {
		process.destroy();
		try {
			if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
