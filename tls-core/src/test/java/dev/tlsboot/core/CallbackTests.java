package dev.tlsboot.core;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.observe.TrackedConnection.State;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.option.TlsRole;
import dev.tlsboot.core.spi.ConnectionRef;
import dev.tlsboot.core.spi.TlsEventListener;
import dev.tlsboot.core.spi.TlsValidator.ClientHello;
import dev.tlsboot.core.spi.TlsValidator.Verdict;
import dev.tlsboot.core.spi.TlsValidator;
import dev.tlsboot.core.status.ConnectionInfo;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@link TlsValidator}s decide real handshakes; {@link TlsEventListener}s hear them, attributed to their ids. */
class CallbackTests {

	private static CertificateAuthority ca;

	private static IssuedCertificate localhost;

	@BeforeAll
	static void issueCertificates() {
		ca = CertificateAuthority.root("Callback Test CA");
		localhost = ca.issueServer("localhost");
	}

	@Test
	void validatorThatRejectsTheLeafAbortsTheHandshake() throws Exception {
		ConnectionRegistry registry = ConnectionRegistry.create(10);
		TlsValidator leafHater = new TlsValidator() {

			@Override
			public Verdict verify(ConnectionRef connection, int depth, X509Certificate certificate, boolean ok,
					String error) {
				return (depth == 0) ? Verdict.REJECT : Verdict.ACCEPT;
			}

		};
		try (LoopbackTlsServer server = LoopbackTlsServer.start(server(localhost, TlsOptions.builder(), null).build())) {
			TlsContext client = client(TlsOptions.builder(), registry).validator(leafHater).build();
			assertThatExceptionOfType(TlsHandshakeException.class)
				.isThrownBy(() -> client.connect("localhost", server.port()))
				.satisfies((ex) -> assertThat(ex.failure().cause()).isEqualTo(Cause.REJECTED_BY_VALIDATOR))
				.withMessageContaining("rejected certificate 'CN=localhost' at depth 0");
		}
		assertThat(registry.connections(State.FAILED, null, null)).hasSize(1);
	}

	@Test
	void validatorThatAcceptsASelfSignedCertificateLetsItThroughDespiteRequire() throws Exception {
		CertificateAuthority selfSigned = CertificateAuthority.root("localhost");
		X509Certificate pinned = selfSigned.rootCertificate();
		List<Integer> depths = new CopyOnWriteArrayList<>();
		TlsValidator pinning = new TlsValidator() {

			@Override
			public Verdict verify(ConnectionRef connection, int depth, X509Certificate certificate, boolean ok,
					String error) {
				depths.add(depth);
				return certificate.equals(pinned) ? Verdict.ACCEPT_WITH_NOTE : Verdict.REJECT;
			}

		};
		ConnectionRegistry registry = ConnectionRegistry.create(10);
		try (LoopbackTlsServer server = LoopbackTlsServer
			.start(server(selfSigned.asIssuedCertificate(), TlsOptions.builder(), null).build());
				SSLSocket socket = client(TlsOptions.builder().require(true), registry).validator(pinning).build()
					.connect("localhost", server.port())) {
			assertThat(TlsContextHandshakeTests.exchange(socket, "pinned")).isEqualTo("PINNED");
			assertThat(depths).containsExactly(0);
			TrackedConnection connection = registry.connections().get(0);
			assertThat(connection.notes()).singleElement().asString().contains("verify", "CN=localhost");
			assertThat(TlsSockets.status(socket).verifyResult().ok()).isFalse();
		}
	}

	@Test
	void serverValidatorSeesSniAlpnAndHelloAndCanRefuseAProtocol() throws Exception {
		List<ClientHello> hellos = new CopyOnWriteArrayList<>();
		TlsValidator validator = new TlsValidator() {

			@Override
			public Verdict sni(ConnectionRef connection, String serverName) {
				return serverName.equals("forbidden.example") ? Verdict.REJECT : Verdict.ACCEPT;
			}

			@Override
			public Verdict alpn(ConnectionRef connection, String protocol) {
				return protocol.equals("h2") ? Verdict.REJECT : Verdict.ACCEPT;
			}

			@Override
			public Verdict hello(ConnectionRef connection, ClientHello hello) {
				hellos.add(hello);
				return Verdict.ACCEPT;
			}

		};
		IssuedCertificate both = ca.issueServer("localhost", "forbidden.example");
		ConnectionRegistry servers = ConnectionRegistry.create(10);
		try (LoopbackTlsServer server = LoopbackTlsServer
			.start(server(both, TlsOptions.builder().alpn("h2", "http/1.1"), servers).validator(validator).build())) {
			TlsOptions.Builder alpn = TlsOptions.builder().alpn("h2", "http/1.1");
			try (SSLSocket socket = client(alpn, ConnectionRegistry.disabled()).build().connect("localhost",
					server.port())) {
				assertThat(socket.getApplicationProtocol()).isEqualTo("http/1.1");
			}
			assertThat(hellos).containsExactly(new ClientHello(List.of("localhost"), List.of("h2", "http/1.1")));
			server.nextAccepted();
			TlsContext forbidden = client(alpn.servername("forbidden.example"), ConnectionRegistry.disabled())
				.build();
			assertThatExceptionOfType(TlsHandshakeException.class)
				.isThrownBy(() -> forbidden.connect("localhost", server.port()))
				.withMessageContaining("unrecognized_name");
			assertThat(server.nextAccepted().failure()).isNotNull();
		}
		assertThat(servers.connections(State.FAILED, null, TlsRole.SERVER)).singleElement()
			.satisfies((connection) -> assertThat(connection.serverName()).isEqualTo("forbidden.example"));
	}

	@Test
	void listenerEventsCarryTheConnectionId() throws Exception {
		List<String> events = new CopyOnWriteArrayList<>();
		TlsEventListener listener = new TlsEventListener() {

			@Override
			public void info(ConnectionRef connection, String major, String minor, String message) {
				events.add(connection.id() + " " + major + "/" + minor);
			}

			@Override
			public void error(ConnectionRef connection, String message) {
				events.add(connection.id() + " error " + connection.peer() + " " + message);
			}

			@Override
			public void session(ConnectionRef connection, ConnectionInfo session) {
				events.add(connection.id() + " session " + session.protocol());
			}

		};
		ConnectionRegistry registry = ConnectionRegistry.create(10);
		TlsContext client = client(TlsOptions.builder(), registry).listener(listener).build();
		try (LoopbackTlsServer server = LoopbackTlsServer.start(server(localhost, TlsOptions.builder(), null).build())) {
			client.connect("localhost", server.port()).close();
			long id = registry.connections().get(0).id();
			assertThat(events).containsExactly(id + " handshake/start", id + " handshake/done",
					id + " session TLSv1.3", id + " connection/closed");
			events.clear();
			IssuedCertificate other = ca.issueServer("other.example");
			try (LoopbackTlsServer wrong = LoopbackTlsServer.start(server(other, TlsOptions.builder(), null).build())) {
				assertThatExceptionOfType(TlsHandshakeException.class)
					.isThrownBy(() -> client.connect("localhost", wrong.port()));
				long failedId = registry.connections(State.FAILED, null, null).get(0).id();
				assertThat(events).hasSize(2).last().asString()
					.startsWith(failedId + " error localhost:" + wrong.port() + " host name 'localhost'");
			}
		}
	}

	private static TlsContext.Builder server(IssuedCertificate identity, TlsOptions.Builder options,
			ConnectionRegistry registry) {
		return TlsContext.builder(options.build())
			.name("server")
			.material(new TlsMaterial(identity.keyMaterial(), List.of(ca.rootCertificate())))
			.registry(registry);
	}

	private static TlsContext.Builder client(TlsOptions.Builder options, ConnectionRegistry registry) {
		return TlsContext.builder(options.build())
			.name("client")
			.material(new TlsMaterial(null, List.of(ca.rootCertificate())))
			.registry(registry);
	}

}
