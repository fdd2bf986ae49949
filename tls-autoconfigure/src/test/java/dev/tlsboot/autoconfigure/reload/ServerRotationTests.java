package dev.tlsboot.autoconfigure.reload;

import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;

import dev.tlsboot.pki.IssuedCertificate;

import static dev.tlsboot.autoconfigure.ConsumerTesting.awaitReloads;
import static dev.tlsboot.autoconfigure.reload.Rotation.get;
import static dev.tlsboot.autoconfigure.reload.Rotation.serial;
import static dev.tlsboot.autoconfigure.reload.Rotation.servedSerial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A web server's certificate rotated on disk, in a Kubernetes secret volume, while the server runs: Tomcat and
 * Reactor Netty (OpenSSL when netty-tcnative loads, else the JDK) serve it from the next handshake, keep the
 * connections opened before, lose no handshake during the swaps, and keep serving the certificate SNI maps to another
 * context.
 */
class ServerRotationTests {

	private static final String API = "api.example.test";

	/** Enough handshakes to span two swaps several times over on a slow machine; the loop stops once both are seen. */
	private static final int MAX_HANDSHAKES = 500;

	@TempDir
	Path directory;

	private Rotation rotation;

	private IssuedCertificate api;

	private Map<String, String> properties;

	@BeforeEach
	void prepare() {
		this.rotation = new Rotation(this.directory.resolve("web"));
		this.api = this.rotation.ca.issueServer(API);
		this.api.writeTo(this.directory.resolve("api"), "api");
		this.properties = new LinkedHashMap<>(this.rotation.properties("web"));
		this.properties.put("tls.server.context", "web");
		this.properties.put("tls.contexts.api.certfile", "file:" + this.directory.resolve("api/api.crt"));
		this.properties.put("tls.contexts.api.keyfile", "file:" + this.directory.resolve("api/api.key"));
		this.properties.put("tls.server.sni.[" + API + "]", "api");
	}

	@ParameterizedTest
	@EnumSource
	void nextHandshakeGetsTheRotatedCertificateWhileAnOpenConnectionKeepsWorking(RotatingServer server)
			throws Exception {
		IssuedCertificate first = this.rotation.publish(this.rotation.issueServer());
		try (ConfigurableApplicationContext application = server.run(this.properties)) {
			int port = RotatingServer.port(application);
			HttpClient keptAlive = this.rotation.httpClient();
			HttpResponse<String> before = get(keptAlive, port);
			assertThat(servedSerial(before)).isEqualTo(serial(first));

			IssuedCertificate second = this.rotation.publish(this.rotation.issueServer());
			awaitReloads(application, "web", 1);

			assertThat(this.rotation.handshake(port, null).getSerialNumber()).isEqualTo(serial(second));
			assertThat(servedSerial(get(this.rotation.httpClient(), port))).isEqualTo(serial(second));
			HttpResponse<String> after = get(keptAlive, port);
			assertThat(after.body()).as("the client port: the connection opened before the swap")
				.isEqualTo(before.body());
			assertThat(servedSerial(after)).isEqualTo(serial(first));
			assertThat(this.rotation.handshake(port, API).getSerialNumber())
				.as("SNI still picks the other context's certificate")
				.isEqualTo(serial(this.api));
		}
	}

	@ParameterizedTest
	@EnumSource
	void noHandshakeIsLostWhileTheVolumeIsSwappedTwice(RotatingServer server) throws Exception {
		IssuedCertificate first = this.rotation.publish(this.rotation.issueServer());
		try (ConfigurableApplicationContext application = server.run(this.properties)) {
			int port = RotatingServer.port(application);
			List<BigInteger> served = new CopyOnWriteArrayList<>();
			List<Exception> failures = new CopyOnWriteArrayList<>();
			AtomicBoolean stop = new AtomicBoolean();
			ExecutorService executor = Executors.newSingleThreadExecutor();
			try {
				Future<?> loop = executor.submit(() -> {
					for (int i = 0; i < MAX_HANDSHAKES && !stop.get(); i++) {
						try {
							served.add(this.rotation.handshake(port, null).getSerialNumber());
						}
						catch (Exception ex) {
							failures.add(ex);
						}
					}
				});
				awaitServed(served, first);
				IssuedCertificate second = this.rotation.publish(this.rotation.issueServer());
				awaitServed(served, second);
				IssuedCertificate third = this.rotation.publish(this.rotation.issueServer());
				awaitServed(served, third);
				int seen = served.size();
				await().atMost(Rotation.TIMEOUT).until(() -> served.size() >= seen + 5 || loop.isDone());
				stop.set(true);
				loop.get(Rotation.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				assertThat(failures).isEmpty();
				assertThat(served.stream().distinct().toList()).containsExactly(serial(first), serial(second),
						serial(third));
				assertThat(served.get(served.size() - 1)).isEqualTo(serial(third));
			}
			finally {
				stop.set(true);
				executor.shutdownNow();
			}
		}
	}

	private static void awaitServed(List<BigInteger> served, IssuedCertificate certificate) {
		await().atMost(Rotation.TIMEOUT).until(() -> served.contains(serial(certificate)));
	}

}
