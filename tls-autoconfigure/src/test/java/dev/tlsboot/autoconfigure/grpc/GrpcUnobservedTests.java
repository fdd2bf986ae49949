package dev.tlsboot.autoconfigure.grpc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.netty.handler.ssl.OpenSsl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

import dev.tlsboot.actuate.ConnectionDescriptor;
import dev.tlsboot.actuate.TlsEndpoint;
import dev.tlsboot.actuate.TlsEndpoint.ConnectionsDescriptor;
import dev.tlsboot.actuate.autoconfigure.TlsEndpointAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsSslBundleAutoConfiguration;
import dev.tlsboot.core.TlsImplementation;
import dev.tlsboot.core.observe.TlsConsumers;
import dev.tlsboot.core.observe.UnobservedConsumer;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;

import static dev.tlsboot.autoconfigure.grpc.HealthCalls.channel;
import static dev.tlsboot.autoconfigure.grpc.HealthCalls.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the {@code tls} endpoint shows of gRPC, by the context's {@code provider}: two Spring gRPC servers on context
 * {@code grpc}, one on {@code jdk} and one on {@code openssl} (when netty-tcnative loads), on 127.0.0.1 and random
 * ports, started once for the class; each is called by a Spring gRPC channel on a context of the same provider.
 */
class GrpcUnobservedTests {

	private static final Map<TlsImplementation, ConfigurableApplicationContext> servers = new EnumMap<>(
			TlsImplementation.class);

	private static Path files;

	private final ApplicationContextRunner caller = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class,
				SslAutoConfiguration.class, GrpcClientAutoConfiguration.class, TlsGrpcClientAutoConfiguration.class,
				EndpointAutoConfiguration.class, TlsEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=tls");

	@BeforeAll
	static void startServers(@TempDir Path directory) throws Exception {
		files = directory;
		CertificateAuthority ca = CertificateAuthority.root("gRPC CA");
		IssuedCertificate certificate = ca.issueServer("grpc-server", "localhost", "127.0.0.1");
		Files.writeString(directory.resolve("tls.crt"), certificate.chainPem());
		Files.writeString(directory.resolve("tls.key"), certificate.privateKeyPem());
		Files.writeString(directory.resolve("ca.crt"), ca.rootCertificatePem());
		servers.put(TlsImplementation.JDK, startServer("jdk"));
		if (OpenSsl.isAvailable()) {
			servers.put(TlsImplementation.OPENSSL, startServer("openssl"));
		}
	}

	private static ConfigurableApplicationContext startServer(String provider) {
		return new SpringApplicationBuilder(GrpcServerTlsTests.HealthServer.class, Actuator.class)
			.web(WebApplicationType.NONE)
			.properties("spring.grpc.server.address=127.0.0.1", "spring.grpc.server.port=0",
					"spring.grpc.server.ssl.bundle=tls-grpc", "management.endpoints.web.exposure.include=tls",
					"tls.contexts.grpc.certfile=file:" + files.resolve("tls.crt"),
					"tls.contexts.grpc.keyfile=file:" + files.resolve("tls.key"),
					"tls.contexts.grpc.provider=" + provider)
			.run();
	}

	@AfterAll
	static void stopServers() {
		servers.values().forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void onOpenSslTheEndpointSaysWhyTheServerAndTheChannelHaveNoConnections() {
		assumeTrue(OpenSsl.isAvailable(), () -> "netty-tcnative does not load here: " + OpenSsl.unavailabilityCause());
		ConfigurableApplicationContext server = servers.get(TlsImplementation.OPENSSL);
		this.caller.withPropertyValues(callerProperties("openssl", server)).run((caller) -> {
			assertThat(check(channel(caller))).isEqualTo(ServingStatus.SERVING);
			assertUnobserved(server, "grpc", TlsConsumers.GRPC_SERVER);
			assertUnobserved(caller, "caller", TlsConsumers.GRPC_CLIENT);
		});
	}

	@Test
	void onTheJdkTheEndpointListsTheConnectionsAndNoNotice() {
		ConfigurableApplicationContext server = servers.get(TlsImplementation.JDK);
		this.caller.withPropertyValues(callerProperties("jdk", server)).run((caller) -> {
			assertThat(check(channel(caller))).isEqualTo(ServingStatus.SERVING);
			assertObserved(server, "grpc", TlsConsumers.GRPC_SERVER);
			assertObserved(caller, "caller", TlsConsumers.GRPC_CLIENT);
		});
	}

	/** Context {@code context} has no connection of {@code consumer}, and both answers of the endpoint say why. */
	private static void assertUnobserved(ApplicationContext application, String context, String consumer) {
		TlsEndpoint endpoint = application.getBean(TlsEndpoint.class);
		List<UnobservedConsumer> declared = endpoint.tls().contexts().get(context).unobserved();
		assertThat(declared).singleElement().satisfies((notice) -> {
			assertThat(notice.consumer()).isEqualTo(consumer);
			assertThat(notice.reason()).contains("OpenSSL", "provider 'openssl'", "'jdk'");
		});
		ConnectionsDescriptor connections = endpoint.connections("connections", null, context, null);
		assertThat(connections.connections()).extracting(ConnectionDescriptor::consumer).doesNotContain(consumer);
		assertThat(connections.unobserved()).containsExactly(Map.entry(context, declared));
		// What /actuator/tls/connections answers
		JsonNode answer = JsonMapper.builder().build().valueToTree(connections);
		assertThat(answer.path("unobserved").path(context).path(0).path("consumer").asString()).isEqualTo(consumer);
	}

	/** Context {@code context} lists an open connection of {@code consumer}, and no notice. */
	private static void assertObserved(ApplicationContext application, String context, String consumer) {
		TlsEndpoint endpoint = application.getBean(TlsEndpoint.class);
		assertThat(endpoint.tls().contexts().get(context).unobserved()).isNull();
		ConnectionsDescriptor connections = endpoint.connections("connections", "open", context, null);
		assertThat(connections.connections()).extracting(ConnectionDescriptor::consumer).contains(consumer);
		assertThat(connections.unobserved()).isNull();
	}

	/** Context {@code caller} on {@code provider}, trusting the servers' CA, and channel {@code health} on it. */
	private static String[] callerProperties(String provider, ApplicationContext server) {
		return new String[] { "tls.contexts.caller.cafile=file:" + files.resolve("ca.crt"),
				"tls.contexts.caller.provider=" + provider,
				"spring.grpc.client.channel.health.target=static://127.0.0.1:"
						+ server.getBean(GrpcServerLifecycle.class).getPort(),
				"spring.grpc.client.channel.health.ssl.bundle=tls-caller" };
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ EndpointAutoConfiguration.class, TlsEndpointAutoConfiguration.class })
	static class Actuator {

	}

}
