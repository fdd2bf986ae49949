package dev.tlsboot.autoconfigure.grpc;

import java.nio.file.Path;
import java.util.List;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tlsboot.autoconfigure.ConsumerTesting;
import dev.tlsboot.actuate.ConnectionDescriptor;
import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsSslBundleAutoConfiguration;
import dev.tlsboot.autoconfigure.client.TlsHttpClientAutoConfiguration;
import dev.tlsboot.autoconfigure.reload.Rotation;
import dev.tlsboot.autoconfigure.reload.TlsReloadAutoConfiguration;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.observe.TlsConsumers;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.observe.TrackedConnection.State;

import static dev.tlsboot.autoconfigure.grpc.HealthCalls.channel;
import static dev.tlsboot.autoconfigure.grpc.HealthCalls.check;
import static dev.tlsboot.autoconfigure.grpc.HealthCalls.newest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spring gRPC client channels on TLS Boot contexts, against plain grpc-netty servers on 127.0.0.1 that require client
 * certificates: one serving localhost and 127.0.0.1, one serving another name. The client's key and trust come from
 * a Kubernetes-style secret volume that the tests rotate.
 */
@ExtendWith(OutputCaptureExtension.class)
class GrpcChannelTlsTests {

	private static Rotation rotation;

	private static GrpcHealthServer server;

	private static GrpcHealthServer elsewhere;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class,
				SslAutoConfiguration.class, TlsReloadAutoConfiguration.class, TlsHttpClientAutoConfiguration.class,
				GrpcClientAutoConfiguration.class, TlsGrpcClientAutoConfiguration.class));

	@BeforeAll
	static void startServers(@TempDir Path volume) throws Exception {
		rotation = new Rotation(volume);
		server = GrpcHealthServer.start(rotation.issueServer(), rotation.ca.rootCertificatePem());
		elsewhere = GrpcHealthServer.start(rotation.ca.issueServer("elsewhere.test"), rotation.ca.rootCertificatePem());
	}

	@AfterAll
	static void stopServers() throws InterruptedException {
		for (GrpcHealthServer each : new GrpcHealthServer[] { server, elsewhere }) {
			if (each != null) {
				each.close();
			}
		}
	}

	@Test
	void aChannelOnATlsBootBundleSpeaksMutualTlsAsGrpcClient() {
		rotation.publish(rotation.ca.issueClient("grpc-client"));
		this.runner.withPropertyValues(properties(server)).run((application) -> {
			assertThat(check(channel(application))).isEqualTo(ServingStatus.SERVING);
			TrackedConnection connection = newest(application, "grpc", (entry) -> entry.state() == State.OPEN);
			assertThat(connection.consumer()).isEqualTo(TlsConsumers.GRPC_CLIENT);
			assertThat(connection.peerSubject()).isEqualTo("CN=localhost");
			assertThat(connection.status().orElseThrow().alpn()).isEqualTo("h2");
			assertThat(presented(connection)).isEqualTo("CN=grpc-client");
			assertThat(ConnectionDescriptor.of(connection).consumer()).isEqualTo("grpc-client");
		});
	}

	@Test
	void aServerCertificateForAnotherNameIsRefusedWithTlsBootsExplanation() {
		rotation.publish(rotation.ca.issueClient("grpc-client"));
		this.runner.withPropertyValues(properties(elsewhere)).run((application) -> {
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> check(channel(application)))
				.withStackTraceContaining("host name '127.0.0.1' does not match the certificate 'CN=elsewhere.test'");
			TrackedConnection failed = newest(application, "grpc", (entry) -> entry.state() == State.FAILED);
			assertThat(failed.consumer()).isEqualTo(TlsConsumers.GRPC_CLIENT);
			assertThat(failed.failure().orElseThrow().explanation().cause()).isEqualTo(Cause.HOSTNAME_MISMATCH);
		});
	}

	@Test
	void aRotatedClientCertificateReachesTheNextChannelWhileTheOpenOneKeepsWorking(CapturedOutput output) {
		rotation.publish(rotation.ca.issueClient("grpc-client-1"));
		this.runner.withPropertyValues(properties(server)).run((application) -> {
			ManagedChannel first = channel(application);
			assertThat(check(first)).isEqualTo(ServingStatus.SERVING);
			assertThat(presented(newest(application, "grpc", (entry) -> entry.state() == State.OPEN)))
				.isEqualTo("CN=grpc-client-1");
			rotation.publish(rotation.ca.issueClient("grpc-client-2"));
			ConsumerTesting.awaitReloads(application, "grpc", 1);
			assertThat(check(channel(application))).isEqualTo(ServingStatus.SERVING);
			assertThat(presented(newest(application, "grpc", (entry) -> entry.state() == State.OPEN)))
				.isEqualTo("CN=grpc-client-2");
			assertThat(check(first)).isEqualTo(ServingStatus.SERVING);
			rotation.publish(rotation.issueExpired());
			ConsumerTesting.awaitRefusals(application, "grpc", 1);
			assertThat(check(channel(application))).isEqualTo(ServingStatus.SERVING);
			assertThat(presented(newest(application, "grpc", (entry) -> entry.state() == State.OPEN)))
				.isEqualTo("CN=grpc-client-2");
		});
		assertThat(output).doesNotContain("may be in use by a technology that doesn't support SSL reloading");
	}

	@Test
	void aChannelWithTlsAndNoBundleTakesTheClientContextsRoutes() {
		rotation.publish(rotation.ca.issueClient("grpc-client"));
		// The client context trusts only the JDK's CAs: the route to 127.0.0.1 is what lets the channel in
		this.runner.withPropertyValues(rotation.properties("grpc").entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new))
			.withPropertyValues("tls.client.routes[127.0.0.1]=grpc", "spring.grpc.client.channel.health.target="
					+ server.target(), "spring.grpc.client.channel.health.ssl.enabled=true")
			.run((application) -> {
				assertThat(check(channel(application))).isEqualTo(ServingStatus.SERVING);
				TrackedConnection connection = newest(application, "grpc", (entry) -> entry.state() == State.OPEN);
				assertThat(connection.consumer()).isEqualTo(TlsConsumers.GRPC_CLIENT);
				assertThat(presented(connection)).isEqualTo("CN=grpc-client");
			});
	}

	/** Context {@code grpc} on the rotating volume, and channel {@code health} on its bundle to {@code target}. */
	private static String[] properties(GrpcHealthServer target) {
		List<String> properties = new java.util.ArrayList<>();
		rotation.properties("grpc").forEach((name, value) -> properties.add(name + "=" + value));
		properties.add("spring.grpc.client.channel.health.target=" + target.target());
		properties.add("spring.grpc.client.channel.health.ssl.bundle=tls-grpc");
		return properties.toArray(String[]::new);
	}

	/** The subject of the client certificate a connection presented. */
	private static String presented(TrackedConnection connection) {
		return connection.localStatus().orElseThrow().certificate().subject();
	}

}
