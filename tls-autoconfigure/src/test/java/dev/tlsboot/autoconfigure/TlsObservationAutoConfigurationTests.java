package dev.tlsboot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import dev.tlsboot.autoconfigure.TlsConnectionEvent.Type;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsHandshakeException;
import dev.tlsboot.core.option.TlsRole;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.observe.TrackedConnection.State;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.spi.ConnectionRef;
import dev.tlsboot.core.spi.TlsEventListener;
import dev.tlsboot.core.spi.TlsValidator;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.test.TestCertificates;
import dev.tlsboot.test.TlsCertificatesExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The registry, validator and listener beans that every context built from {@code tls.*} gets, and the
 * ApplicationEvents its connections publish, with real handshakes on 127.0.0.1.
 */
@ExtendWith(TlsCertificatesExtension.class)
class TlsObservationAutoConfigurationTests {

	private static TestCertificates certs;

	private ApplicationContextRunner runner;

	@BeforeAll
	static void writeCertificates(TestCertificates certs) throws IOException {
		TlsObservationAutoConfigurationTests.certs = certs;
		Files.writeString(certs.file("other-ca.crt"),
				CertificateAuthority.root("Other Test CA").rootCertificatePem());
	}

	/** The default context is the client; the context named {@code server} has the certificate. */
	@BeforeEach
	void runner() {
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class))
			.withPropertyValues("tls.cafile=" + certs.location("ca.crt"),
					"tls.contexts.server.certfile=" + certs.location("server.crt"),
					"tls.contexts.server.keyfile=" + certs.location("server.key"));
	}

	private static LoopbackConnection connect(TlsContexts contexts) throws IOException {
		return LoopbackConnection.open(contexts.get("server"), contexts.getDefault());
	}

	@Test
	void everyContextKeepsItsConnectionsInTheRegistryBean() {
		this.runner.withPropertyValues("tls.connections.max-tracked=7").run((context) -> {
			ConnectionRegistry registry = context.getBean(ConnectionRegistry.class);
			assertThat(registry.maxTracked()).isEqualTo(7);
			TlsContexts contexts = context.getBean(TlsContexts.class);
			assertThat(contexts.asMap().values()).extracting(TlsContext::registry).containsOnly(registry);
			try (LoopbackConnection connection = connect(contexts)) {
				assertThat(registry.connections(State.OPEN, "default", TlsRole.CLIENT)).hasSize(1);
			}
			assertThat(registry.connections(State.CLOSED, null, null)).extracting(TrackedConnection::context)
				.containsExactlyInAnyOrder("default", "server");
		});
	}

	@Test
	void aValidatorBeanThatRejectsTheLeafAbortsTheHandshake() {
		this.runner.withUserConfiguration(RejectingValidator.class).run((context) -> {
			TlsContexts contexts = context.getBean(TlsContexts.class);
			assertThatExceptionOfType(TlsHandshakeException.class)
				.isThrownBy(() -> connect(contexts))
				.withMessageContaining(RejectingValidator.class.getName());
			assertThat(context.getBean(ConnectionRegistry.class).connections(State.FAILED, "default", TlsRole.CLIENT))
				.singleElement()
				.satisfies((failed) -> assertThat(failed.failure().orElseThrow().explanation().cause())
					.isEqualTo(Cause.REJECTED_BY_VALIDATOR));
		});
	}

	@Test
	void listenerBeansHearEveryContextInTheirOrderAndApplicationEventsFollow() {
		this.runner.withUserConfiguration(Listeners.class).run((context) -> {
			TlsContexts contexts = context.getBean(TlsContexts.class);
			try (LoopbackConnection connection = connect(contexts)) {
				assertThat(connection.client().getSession().getProtocol()).isEqualTo("TLSv1.3");
			}
			Listeners listeners = context.getBean(Listeners.class);
			assertThat(listeners.heard).isNotEmpty();
			long id = Long.parseLong(listeners.heard.get(0).split(" ")[0]);
			assertThat(listeners.heard).filteredOn((heard) -> heard.startsWith(id + " "))
				.startsWith(id + " first", id + " second");
			assertThat(listeners.events).extracting(TlsConnectionEvent::getType).contains(Type.INFO, Type.SESSION);
			TlsConnectionEvent session = listeners.events.stream()
				.filter((event) -> event.getType() == Type.SESSION && event.getRole() == TlsRole.CLIENT)
				.findFirst()
				.orElseThrow();
			assertThat(session.getContext()).isEqualTo("default");
			assertThat(session.getPeer()).startsWith("127.0.0.1:");
			assertThat(session.getSession().protocol()).isEqualTo("TLSv1.3");
			assertThat(context.getBean(ConnectionRegistry.class).get(session.getConnectionId())).isPresent();
		});
	}

	@Test
	void aFailedHandshakeIsPublishedAsAnErrorEventOfItsConnection() {
		this.runner.withUserConfiguration(Listeners.class)
			.withPropertyValues("tls.cafile=" + certs.location("other-ca.crt"))
			.run((context) -> {
				TlsContexts contexts = context.getBean(TlsContexts.class);
				assertThatExceptionOfType(TlsHandshakeException.class).isThrownBy(() -> connect(contexts));
				TlsConnectionEvent error = context.getBean(Listeners.class).events.stream()
					.filter((event) -> event.getType() == Type.ERROR && event.getRole() == TlsRole.CLIENT)
					.findFirst()
					.orElseThrow();
				assertThat(error.getPeer()).startsWith("127.0.0.1:");
				assertThat(error.getMessage()).contains("TLS Boot Test CA");
				assertThat(context.getBean(ConnectionRegistry.class).get(error.getConnectionId()).orElseThrow().state())
					.isEqualTo(State.FAILED);
			});
	}

	@Test
	void applicationEventsCanBeTurnedOff() {
		this.runner.withPropertyValues("tls.connections.application-events=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TlsEventListener.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class RejectingValidator implements TlsValidator {

		@Override
		public Verdict verify(ConnectionRef connection, int depth, X509Certificate certificate, boolean ok,
				String error) {
			return (depth == 0 && connection.role() == TlsRole.CLIENT) ? Verdict.REJECT : Verdict.ACCEPT;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Listeners implements ApplicationListener<TlsConnectionEvent> {

		final List<String> heard = new CopyOnWriteArrayList<>();

		final List<TlsConnectionEvent> events = new CopyOnWriteArrayList<>();

		@Bean
		@Order(2)
		TlsEventListener second() {
			return recording("second");
		}

		@Bean
		@Order(1)
		TlsEventListener first() {
			return recording("first");
		}

		@Override
		public void onApplicationEvent(TlsConnectionEvent event) {
			this.events.add(event);
		}

		private TlsEventListener recording(String name) {
			return new TlsEventListener() {

				@Override
				public void info(ConnectionRef connection, String major, String minor, String message) {
					Listeners.this.heard.add(connection.id() + " " + name);
				}

			};
		}

	}

}
