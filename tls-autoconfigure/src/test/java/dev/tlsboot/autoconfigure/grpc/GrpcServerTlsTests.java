package dev.tlsboot.autoconfigure.grpc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

import dev.tlsboot.autoconfigure.ConsumerTesting;
import dev.tlsboot.actuate.ConnectionDescriptor;
import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsSslBundleAutoConfiguration;
import dev.tlsboot.autoconfigure.reload.Rotation;
import dev.tlsboot.autoconfigure.reload.TlsReloadAutoConfiguration;
import dev.tlsboot.autoconfigure.reload.TlsReloads;
import dev.tlsboot.core.observe.TlsConsumers;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.observe.TrackedConnection.State;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.OpenSslCli;

import static dev.tlsboot.autoconfigure.grpc.HealthCalls.channel;
import static dev.tlsboot.autoconfigure.grpc.HealthCalls.check;
import static dev.tlsboot.autoconfigure.grpc.HealthCalls.newest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring gRPC server on context {@code grpc} ({@code spring.grpc.server.ssl.bundle=tls-grpc}, client-auth
 * {@code require}), on 127.0.0.1 and a random port, started once for the class, its certificate on a
 * Kubernetes-style secret volume the tests rotate; its callers are Spring gRPC clients on TLS Boot and
 * {@code openssl s_client}.
 */
@ExtendWith(OutputCaptureExtension.class)
class GrpcServerTlsTests {

	private static Rotation rotation;

	private static Path callerFiles;

	private static ConfigurableApplicationContext server;

	private static int port;

	private final ApplicationContextRunner caller = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class,
				SslAutoConfiguration.class, GrpcClientAutoConfiguration.class, TlsGrpcClientAutoConfiguration.class));

	@BeforeAll
	static void startServer(@TempDir Path volume, @TempDir Path caller) throws Exception {
		rotation = new Rotation(volume);
		rotation.publish(rotation.ca.issueServer("grpc-server-1", "localhost", "127.0.0.1"));
		callerFiles = caller;
		IssuedCertificate client = rotation.ca.issueClient("grpc-caller");
		Files.writeString(caller.resolve("tls.crt"), client.chainPem());
		Files.writeString(caller.resolve("tls.key"), client.privateKeyPem());
		Files.writeString(caller.resolve("ca.crt"), rotation.ca.rootCertificatePem());
		SpringApplicationBuilder application = new SpringApplicationBuilder(HealthServer.class)
			.web(WebApplicationType.NONE)
			.properties("spring.grpc.server.address=127.0.0.1", "spring.grpc.server.port=0",
					"spring.grpc.server.ssl.bundle=tls-grpc", "spring.grpc.server.ssl.client-auth=require");
		rotation.properties("grpc").forEach((name, value) -> application.properties(name + "=" + value));
		server = application.run();
		port = server.getBean(GrpcServerLifecycle.class).getPort();
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void aSpringGrpcClientCallsOverMutualTlsAndBothSidesListTheConnection() {
		this.caller.withPropertyValues(callerProperties()).run((caller) -> {
			assertThat(check(channel(caller))).isEqualTo(ServingStatus.SERVING);
			TrackedConnection served = newest(server, "grpc", (entry) -> entry.state() == State.OPEN);
			assertThat(served.consumer()).isEqualTo(TlsConsumers.GRPC_SERVER);
			assertThat(served.peerSubject()).isEqualTo("CN=grpc-caller");
			assertThat(served.status().orElseThrow().alpn()).isEqualTo("h2");
			assertThat(ConnectionDescriptor.of(served).remoteAddress()).startsWith("127.0.0.1:");
			TrackedConnection called = newest(caller, "caller", (entry) -> entry.state() == State.OPEN);
			assertThat(called.consumer()).isEqualTo(TlsConsumers.GRPC_CLIENT);
		});
	}

	@Test
	void opensslNegotiatesH2AndIsRefusedWithoutAClientCertificate() {
		OpenSslCli.assumeAvailable();
		OpenSslCli.Result withCertificate = sClient("-cert", callerFiles.resolve("tls.crt").toString(), "-key",
				callerFiles.resolve("tls.key").toString());
		assertThat(withCertificate.output()).contains("ALPN protocol: h2");
		assertThat(withCertificate.output().replace(" ", "")).contains("Verifyreturncode:0(ok)");
		// TLS 1.3 refuses the client after its handshake: wait for the server's alert, which ends the connection
		OpenSslCli.Result without = sClient("-ign_eof");
		// JDK 17 says so with a bad_certificate alert, JDK 25 with TLS 1.3's certificate_required
		assertThat(without.output()).containsPattern("alert (bad certificate|certificate required)");
		TrackedConnection refused = newest(server, "grpc", (entry) -> entry.state() == State.FAILED);
		assertThat(refused.consumer()).isEqualTo(TlsConsumers.GRPC_SERVER);
	}

	@Test
	void aRotatedServerCertificateReachesTheNextCallerWhileTheOpenChannelKeepsWorking(CapturedOutput output) {
		this.caller.withPropertyValues(callerProperties()).run((caller) -> {
			ManagedChannel first = channel(caller);
			assertThat(check(first)).isEqualTo(ServingStatus.SERVING);
			TrackedConnection opened = newest(server, "grpc", (entry) -> entry.state() == State.OPEN);
			long reloads = history(TlsReloads.Status::reloads);
			rotation.publish(rotation.ca.issueServer("grpc-server-2", "localhost", "127.0.0.1"));
			ConsumerTesting.awaitReloads(server, "grpc", reloads + 1);
			// A new caller: the first one's session cache would resume its session, made with the old certificate
			assertThat(servedTo()).isEqualTo("CN=grpc-server-2");
			assertThat(check(first)).isEqualTo(ServingStatus.SERVING);
			assertThat(opened.state()).isEqualTo(State.OPEN);
			rotation.publish(rotation.issueExpired());
			ConsumerTesting.awaitRefusals(server, "grpc", history(TlsReloads.Status::refusals) + 1);
			assertThat(servedTo()).isEqualTo("CN=grpc-server-2");
		});
		assertThat(output).doesNotContain("may be in use by a technology that doesn't support SSL reloading");
	}

	/** The subject of the certificate the server presents to a new caller. */
	private String servedTo() {
		AtomicReference<String> subject = new AtomicReference<>();
		this.caller.withPropertyValues(callerProperties()).run((caller) -> {
			assertThat(check(channel(caller))).isEqualTo(ServingStatus.SERVING);
			subject.set(newest(caller, "caller", (entry) -> entry.state() == State.OPEN).peerSubject());
		});
		return subject.get();
	}

	@Test
	void theServerClosesConnectionsAfterAnHourUnlessTheApplicationSaysOtherwise() {
		assertThat(server.getBean(GrpcServerTls.class).maxConnectionAge())
			.isEqualTo(GrpcServerTls.DEFAULT_MAX_CONNECTION_AGE);
	}

	/** A count of the server context's rotation history so far: the class's server lives across tests. */
	private static long history(ToLongFunction<TlsReloads.Status> count) {
		return server.getBean(TlsReloads.class).status("grpc").map(count::applyAsLong).orElse(0L);
	}

	private static OpenSslCli.Result sClient(String... more) {
		String[] arguments = { "s_client", "-connect", "127.0.0.1:" + port, "-alpn", "h2", "-CAfile",
				callerFiles.resolve("ca.crt").toString(), "-verify_return_error" };
		return OpenSslCli.opensslWithInput("",
				Stream.concat(Arrays.stream(arguments), Arrays.stream(more)).toArray(String[]::new));
	}

	/** Context {@code caller} with its own certificate, and channel {@code health} on its bundle to the server. */
	private static String[] callerProperties() {
		return new String[] { "tls.contexts.caller.certfile=file:" + callerFiles.resolve("tls.crt"),
				"tls.contexts.caller.keyfile=file:" + callerFiles.resolve("tls.key"),
				"tls.contexts.caller.cafile=file:" + callerFiles.resolve("ca.crt"),
				"spring.grpc.client.channel.health.target=static://127.0.0.1:" + port,
				"spring.grpc.client.channel.health.ssl.bundle=tls-caller" };
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class,
			SslAutoConfiguration.class, TlsReloadAutoConfiguration.class, GrpcServerAutoConfiguration.class,
			TlsGrpcServerAutoConfiguration.class })
	static class HealthServer {

		@Bean
		BindableService health() {
			return new HealthStatusManager().getHealthService();
		}

	}

}
