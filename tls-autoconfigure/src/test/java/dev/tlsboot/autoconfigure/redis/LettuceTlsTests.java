package dev.tlsboot.autoconfigure.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.netty.handler.ssl.OpenSsl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.tlsboot.actuate.ConnectionDescriptor;
import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.TlsSslBundleAutoConfiguration;
import dev.tlsboot.autoconfigure.reload.TlsReloadAutoConfiguration;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.observe.TlsConsumers;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.observe.TrackedConnection.State;
import dev.tlsboot.netty.NettyTlsImplementation;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.testing.SecretVolume;

import static dev.tlsboot.autoconfigure.ConsumerTesting.awaitStatus;
import static dev.tlsboot.autoconfigure.ConsumerTesting.contextProperties;
import static dev.tlsboot.autoconfigure.ConsumerTesting.expiredClient;
import static dev.tlsboot.autoconfigure.ConsumerTesting.newest;
import static dev.tlsboot.autoconfigure.ConsumerTesting.volume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Redis through Lettuce on context {@code redis} ({@code spring.data.redis.ssl.bundle=tls-redis}), against real
 * {@code redis-server}s that require client certificates: one serving localhost, one serving another name. The
 * client's key and trust come from a Kubernetes-style secret volume that the tests rotate.
 */
@ExtendWith(OutputCaptureExtension.class)
class LettuceTlsTests {

	/** The context Lettuce is on, {@code spring.data.redis.ssl.bundle=tls-redis}. */
	private static final String REDIS = "redis";

	private static final CertificateAuthority CA = CertificateAuthority.root("Redis CA");

	private static RedisServer redis;

	private static RedisServer elsewhere;

	@TempDir
	Path directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class,
				SslAutoConfiguration.class, TlsReloadAutoConfiguration.class, DataRedisAutoConfiguration.class,
				TlsRedisAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.host=localhost", "spring.data.redis.ssl.bundle=tls-redis",
				"spring.data.redis.timeout=10s", "spring.data.redis.connect-timeout=10s",
				"tls.reload.quiet-period=200ms");

	@BeforeAll
	static void startRedis(@TempDir Path servers) throws IOException {
		redis = RedisServer.start(Files.createDirectory(servers.resolve("localhost")),
				CA.issueServer("localhost", "127.0.0.1"), CA.rootCertificatePem());
		elsewhere = RedisServer.start(Files.createDirectory(servers.resolve("elsewhere")),
				CA.issueServer("elsewhere.test"), CA.rootCertificatePem());
	}

	@AfterAll
	static void stopRedis() {
		for (RedisServer server : new RedisServer[] { redis, elsewhere }) {
			if (server != null) {
				server.close();
			}
		}
	}

	/** On OpenSSL too: Lettuce takes TLS Boot's own handler, which observes OpenSSL's engines. */
	@ParameterizedTest
	@ValueSource(strings = { "jdk", "openssl" })
	void mutualTlsConnectionsAreInTheRegistryAsRedis(String provider) {
		assumeTrue(!provider.equals("openssl") || OpenSsl.isAvailable(),
				() -> "netty-tcnative does not load here: " + OpenSsl.unavailabilityCause());
		SecretVolume volume = volume(this.directory, CA.issueClient("redis-client"), CA);
		this.runner.withPropertyValues(contextProperties(REDIS, volume, "spring.data.redis.port=" + redis.port(),
				"tls.contexts.redis.provider=" + provider))
			.run((application) -> {
				assertThat(NettyTlsImplementation.version(application.getBean(TlsContexts.class).get(REDIS)))
					.startsWith(provider.equals("openssl") ? "BoringSSL" : "SunJSSE");
				assertThat(ping(application)).isEqualTo("PONG");
				assertThat(application.getBean(ConnectionRegistry.class).unobservedConsumers()).isEmpty();
				TrackedConnection connection = newest(application, REDIS, (entry) -> entry.state() == State.OPEN);
				assertThat(connection.consumer()).isEqualTo(TlsConsumers.REDIS);
				assertThat(connection.context()).isEqualTo("redis");
				assertThat(connection.peerSubject()).isEqualTo("CN=localhost");
				assertThat(connection.localStatus().orElseThrow().certificate().subject()).isEqualTo("CN=redis-client");
				assertThat(ConnectionDescriptor.of(connection).consumer()).isEqualTo("redis");
			});
	}

	@Test
	void aServerCertificateForAnotherNameIsRefusedWithTlsBootsExplanation() {
		SecretVolume volume = volume(this.directory, CA.issueClient("redis-client"), CA);
		this.runner.withPropertyValues(contextProperties(REDIS, volume, "spring.data.redis.port=" + elsewhere.port()))
			.withPropertyValues("tls.contexts.redis.require=true")
			.run((application) -> {
				assertThatException().isThrownBy(() -> ping(application));
				TrackedConnection failed = newest(application, REDIS, (entry) -> entry.state() == State.FAILED);
				assertThat(failed.consumer()).isEqualTo(TlsConsumers.REDIS);
				assertThat(failed.failure().orElseThrow().explanation().cause()).isEqualTo(Cause.HOSTNAME_MISMATCH);
			});
	}

	@Test
	void aRotatedClientCertificateReachesTheNextConnectionWithoutBundleWarnings(CapturedOutput output) {
		SecretVolume volume = volume(this.directory, CA.issueClient("redis-client-1"), CA);
		this.runner.withPropertyValues(contextProperties(REDIS, volume, "spring.data.redis.port=" + redis.port()))
			.run((application) -> {
				assertThat(ping(application)).isEqualTo("PONG");
				assertThat(presented(application)).isEqualTo("CN=redis-client-1");
				volume.publish(CA.issueClient("redis-client-2"), CA.rootCertificatePem());
				awaitStatus(application, REDIS, (status) -> status.reloads() >= 1);
				// Lettuce keeps one shared connection: only a new one handshakes again
				application.getBean(LettuceConnectionFactory.class).resetConnection();
				assertThat(ping(application)).isEqualTo("PONG");
				assertThat(presented(application)).isEqualTo("CN=redis-client-2");
				volume.publish(expiredClient(CA, "redis-client-expired"), CA.rootCertificatePem());
				awaitStatus(application, REDIS, (status) -> status.refusals() >= 1);
				application.getBean(LettuceConnectionFactory.class).resetConnection();
				assertThat(ping(application)).isEqualTo("PONG");
				assertThat(presented(application)).isEqualTo("CN=redis-client-2");
			});
		assertThat(output).doesNotContain("may be in use by a technology that doesn't support SSL reloading");
	}

	private static String ping(ApplicationContext application) {
		try (RedisConnection connection = application.getBean(LettuceConnectionFactory.class).getConnection()) {
			return connection.ping();
		}
	}

	/** The subject of the client certificate the newest open Redis connection presented. */
	private static String presented(ApplicationContext application) {
		return newest(application, REDIS, (entry) -> entry.state() == State.OPEN).localStatus()
			.orElseThrow()
			.certificate()
			.subject();
	}

}
