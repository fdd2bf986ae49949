package dev.tlsboot.autoconfigure.grpc;

import java.time.Duration;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.grpc.client.ChannelCredentialsProvider;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.TlsProperties;
import dev.tlsboot.autoconfigure.client.ClientTls;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.option.TlsRole;
import dev.tlsboot.test.TestCertificates;
import dev.tlsboot.test.TestCertificates.Identity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which gRPC servers and channels TLS Boot secures, decided as the application starts: those on a {@code tls-<name>}
 * bundle (and, for channels, TLS without a bundle); every other keeps Spring Boot's own TLS.
 */
class TlsGrpcAutoConfigurationTests {

	/** Spring Boot's credentials, as the provider TLS Boot falls back to hands them out. */
	private static final ChannelCredentials SPRING_BOOTS = InsecureChannelCredentials.create();

	private static final TestCertificates certificates = TestCertificates.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsGrpcServerAutoConfiguration.class))
		.withPropertyValues(certificates.properties("tls", Identity.SERVER)
			.entrySet()
			.stream()
			.map((property) -> property.getKey() + "=" + property.getValue())
			.toArray(String[]::new));

	@AfterAll
	static void deleteCertificates() {
		certificates.close();
	}

	@Test
	void aServerOnATlsBootBundleServesTheContextWithSpringsClientAuthAndAnHoursMaximumAge() {
		this.runner
			.withPropertyValues("spring.grpc.server.ssl.bundle=tls-default", "spring.grpc.server.ssl.client-auth=optional")
			.run((application) -> {
				GrpcServerTls tls = application.getBean(GrpcServerTls.class);
				TlsContext served = tls.sslContext().tlsContext();
				assertThat(served.options().request(TlsRole.SERVER)).isTrue();
				assertThat(served.options().require(TlsRole.SERVER)).isFalse();
				assertThat(served.options().alpn()).containsExactly("h2");
				assertThat(tls.maxConnectionAge()).isEqualTo(Duration.ofHours(1));
			});
	}

	@Test
	void aServerOnAContextWithoutACertificateStopsTheApplication() {
		this.runner
			.withPropertyValues("tls.contexts.clients.cafile=" + certificates.location("ca.crt"),
					"tls.contexts.clients.certfile=", "tls.contexts.clients.keyfile=",
					"spring.grpc.server.ssl.bundle=tls-clients")
			.run((application) -> assertThat(application).getFailure()
				.rootCause()
				.hasMessageContaining("context 'clients' has no certificate"));
	}

	@Test
	void aMaximumConnectionAgeTheApplicationSetsIsKept() {
		this.runner
			.withPropertyValues("spring.grpc.server.ssl.bundle=tls-default",
					"spring.grpc.server.keepalive.connection.max-age=5m")
			.run((application) -> assertThat(application.getBean(GrpcServerTls.class).maxConnectionAge()).isNull());
	}

	@Test
	void aServerOnAnotherBundleOrNoneKeepsSpringBootsTls() {
		this.runner.withPropertyValues("spring.grpc.server.ssl.bundle=mine")
			.run((application) -> assertThat(application.getBean(GrpcServerTls.class)).isSameAs(GrpcServerTls.NONE));
		this.runner.withPropertyValues("spring.grpc.server.ssl.bundle=tls-default", "spring.grpc.server.ssl.secure=false")
			.run((application) -> assertThat(application.getBean(GrpcServerTls.class)).isSameAs(GrpcServerTls.NONE));
		this.runner
			.run((application) -> assertThat(application.getBean(GrpcServerTls.class)).isSameAs(GrpcServerTls.NONE));
	}

	@Test
	void channelsOnATlsBootBundleOrWithTlsAndNoBundleGetTlsBootsNettyContext() {
		this.runner
			.withPropertyValues("spring.grpc.client.channel.bundled.ssl.bundle=tls-default",
					"spring.grpc.client.channel.enabled.ssl.enabled=true",
					"spring.grpc.client.channel.spring.ssl.bundle=mine",
					"spring.grpc.client.channel.bypass.ssl.bundle=tls-default",
					"spring.grpc.client.channel.bypass.bypass-certificate-validation=true",
					"spring.grpc.client.channel.plain.target=static://127.0.0.1:9090")
			.run((application) -> {
				ChannelCredentialsProvider channels = channels(application);
				// TLS Boot's are grpc-netty's credentials for a Netty SslContext; Spring Boot's fallback is a marker
				assertThat(channels.getChannelCredentials("bundled")).isNotSameAs(SPRING_BOOTS);
				assertThat(channels.getChannelCredentials("enabled")).isNotSameAs(SPRING_BOOTS);
				assertThat(channels.getChannelCredentials("spring")).isSameAs(SPRING_BOOTS);
				assertThat(channels.getChannelCredentials("bypass")).isSameAs(SPRING_BOOTS);
				assertThat(channels.getChannelCredentials("plain")).isSameAs(SPRING_BOOTS);
				assertThat(channels.getChannelCredentials("unknown")).isSameAs(SPRING_BOOTS);
			});
	}

	private static GrpcChannelTls channels(ApplicationContext application) {
		TlsContexts contexts = application.getBean(TlsContexts.class);
		return new GrpcChannelTls(
				Binder.get(application.getEnvironment()).bindOrCreate("spring.grpc.client", GrpcClientProperties.class),
				contexts, () -> ClientTls.of(contexts, application.getBean(TlsProperties.class).getClient()),
				(name) -> SPRING_BOOTS);
	}

}
