package dev.tlsboot.core;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.observe.ConnectionObserver;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.TrackedConnection.State;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.option.TlsProtocol;
import dev.tlsboot.core.option.TlsRole;
import dev.tlsboot.core.status.ConnectionInfo;
import dev.tlsboot.core.status.TlsStatus;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every socket, accepted socket and engine a context hands out shows up in its registry and moves through the
 * states of a real loopback connection.
 */
class ConnectionObservationTests {

	private static CertificateAuthority ca;

	private static IssuedCertificate localhost;

	@BeforeAll
	static void issueCertificates() {
		ca = CertificateAuthority.root("Observation Test CA");
		localhost = ca.issueServer("localhost", "127.0.0.1");
	}

	@Test
	void clientAndServerSocketsMoveFromNegotiatingToOpenToClosed() throws Exception {
		ConnectionRegistry clients = ConnectionRegistry.create(10);
		ConnectionRegistry servers = ConnectionRegistry.create(10);
		try (LoopbackTlsServer server = LoopbackTlsServer.start(context("server", servers, localhost))) {
			SSLSocket socket = context("client", clients, null).connect("localhost", server.port());
			TrackedConnection client = single(clients);
			assertThat(client.state()).isEqualTo(State.OPEN);
			assertThat(client.role()).isEqualTo(TlsRole.CLIENT);
			assertThat(client.context()).isEqualTo("client");
			assertThat(client.serverName()).isEqualTo("localhost");
			assertThat(client.remoteAddress().getPort()).isEqualTo(server.port());
			assertThat(client.localAddress()).isNotNull();
			assertThat(client.handshakeDuration()).isPositive();
			assertThat(TlsContextHandshakeTests.exchange(socket, "hello")).isEqualTo("HELLO");
			assertThat(client.bytesOut()).isEqualTo(6);
			assertThat(client.bytesIn()).isEqualTo(6);
			assertThat(client.status().orElseThrow().certificate().subject()).isEqualTo("CN=localhost");
			assertThat(client.connection().orElseThrow().protocol()).isEqualTo("TLSv1.3");
			server.nextAccepted();
			TrackedConnection accepted = single(servers);
			assertThat(accepted.role()).isEqualTo(TlsRole.SERVER);
			assertThat(accepted.state()).isEqualTo(State.OPEN);
			assertThat(accepted.serverName()).isEqualTo("localhost");
			socket.close();
			assertThat(client.state()).isEqualTo(State.CLOSED);
			awaitState(accepted, State.CLOSED);
			assertThat(client.connection().orElseThrow().state()).isEqualTo("CLOSED");
			assertThat(servers.countsByState()).containsEntry(State.CLOSED, 1L).containsEntry(State.OPEN, 0L);
		}
	}

	@Test
	void socketFromTheFactoryIsInitUntilItsFirstReadStartsTheHandshake() throws Exception {
		ConnectionRegistry clients = ConnectionRegistry.create(10);
		try (LoopbackTlsServer server = LoopbackTlsServer.start(context("server", null, localhost));
				SSLSocket socket = (SSLSocket) context("client", clients, null).socketFactory()
					.createSocket("localhost", server.port())) {
			assertThat(single(clients).state()).isEqualTo(State.CLIENTINIT);
			assertThat(TlsContextHandshakeTests.exchange(socket, "implicit")).isEqualTo("IMPLICIT");
			assertThat(single(clients).state()).isEqualTo(State.OPEN);
		}
	}

	@Test
	void startTlsSocketIsObserved() throws Exception {
		ConnectionRegistry clients = ConnectionRegistry.create(10);
		try (LoopbackTlsServer server = LoopbackTlsServer.start(context("server", null, localhost));
				Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.port());
				SSLSocket tls = context("starttls", clients, null).startTls(plain, "localhost")) {
			assertThat(single(clients).state()).isEqualTo(State.OPEN);
			assertThat(single(clients).context()).isEqualTo("starttls");
		}
	}

	@Test
	void enginesWithAndWithoutHostMoveFromNegotiatingToOpenToClosed() throws Exception {
		ConnectionRegistry registry = ConnectionRegistry.create(10);
		SSLEngine client = context("client", registry, null).clientEngine("localhost", 443);
		SSLEngine server = context("server", registry, localhost).sslContext().createSSLEngine();
		server.setUseClientMode(false);
		assertThat(registry.countsByState()).containsEntry(State.CLIENTINIT, 1L).containsEntry(State.SERVERINIT, 1L);
		EnginePair pair = new EnginePair(client, server);
		pair.handshake();
		assertThat(registry.connections()).extracting(TrackedConnection::state).containsOnly(State.OPEN);
		TrackedConnection clientSide = registry.connections(null, "client", TlsRole.CLIENT).get(0);
		TrackedConnection serverSide = registry.connections(null, "server", TlsRole.SERVER).get(0);
		assertThat(clientSide.remoteAddress().getHostString()).isEqualTo("localhost");
		assertThat(serverSide.serverName()).isEqualTo("localhost");
		pair.send("ping".getBytes(StandardCharsets.UTF_8));
		assertThat(clientSide.bytesOut()).isEqualTo(4);
		assertThat(serverSide.bytesIn()).isEqualTo(4);
		pair.close();
		assertThat(registry.connections()).extracting(TrackedConnection::state).containsOnly(State.CLOSED);
		assertThat(serverSide.localStatus().orElseThrow().certificate().subject()).isEqualTo("CN=localhost");
	}

	@Test
	void statusAndConnectionOfALiveSocketAreFilledWithTheContextsPolicy() throws Exception {
		try (LoopbackTlsServer server = LoopbackTlsServer.start(context("server", null, localhost));
				SSLSocket socket = context("client", ConnectionRegistry.create(10), null).connect("localhost",
						server.port())) {
			TlsStatus status = TlsSockets.status(socket);
			assertThat(status.protocol()).isEqualTo("TLSv1.3");
			assertThat(status.cipher()).startsWith("TLS_AES");
			assertThat(status.verifyMode()).containsExactly("peer", "fail_if_no_peer_cert");
			assertThat(status.verifyResult().ok()).isTrue();
			assertThat(status.certificate().subjectAltName()).contains("DNS:localhost");
			assertThat(TlsSockets.localStatus(socket).certificate()).isNull();
			ConnectionInfo connection = TlsSockets.connection(socket);
			assertThat(connection.state()).isEqualTo("OPEN");
			assertThat(connection.servername()).isEqualTo("localhost");
			assertThat(connection.securityLevel()).isEqualTo(2);
			assertThat(connection.sessionReused()).isFalse();
			assertThat(connection.isServer()).isFalse();
		}
	}

	@Test
	void statusOfAnEngineKnowsTheServersPolicy() throws Exception {
		SSLEngine client = context("client", ConnectionRegistry.create(10), null).clientEngine("localhost", 443);
		TlsContext serverContext = TlsContext.builder(TlsOptions.builder().request(true).build())
			.name("server")
			.material(new TlsMaterial(localhost.keyMaterial(), List.of(ca.rootCertificate())))
			.registry(ConnectionRegistry.create(10))
			.build();
		SSLEngine server = serverContext.serverEngine();
		new EnginePair(client, server).handshake();
		assertThat(TlsSockets.status(server).verifyMode()).containsExactly("peer");
		assertThat(TlsSockets.localStatus(server).certificate().subject()).isEqualTo("CN=localhost");
		assertThat(TlsSockets.connection(server).isServer()).isTrue();
		assertThat(TlsSockets.connection(client).securityLevel()).isEqualTo(2);
	}

	@Test
	void aServerEngineWithNoPeerIsLocatedByItsSessionIdUnlessTheSessionIsShared() throws Exception {
		ConnectionRegistry servers = ConnectionRegistry.create(10);
		// TLS 1.2 resumes by session id: the resumed connection shares its session, and with it its id
		TlsContext serverContext = TlsContext.builder(TlsOptions.defaults())
			.name("server")
			.material(new TlsMaterial(localhost.keyMaterial(), List.of(ca.rootCertificate())))
			.registry(servers)
			.build();
		TlsContext clientContext = TlsContext.builder(TlsOptions.builder().protocol(TlsProtocol.TLS1_3, false).build())
			.material(new TlsMaterial(null, List.of(ca.rootCertificate())))
			.registry(ConnectionRegistry.disabled())
			.build();
		ConnectionObserver observer = ConnectionObserver.of(serverContext.sslContext()).orElseThrow();
		InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), 8443);
		InetSocketAddress first = new InetSocketAddress(InetAddress.getLoopbackAddress(), 50001);
		InetSocketAddress second = new InetSocketAddress(InetAddress.getLoopbackAddress(), 50002);
		SSLEngine server = serverContext.serverEngine();
		new EnginePair(clientContext.clientEngine("localhost", 443), server).handshake();
		byte[] id = server.getSession().getId();
		TrackedConnection one = single(servers);
		assertThat(one.remoteAddress()).isNull();
		observer.located(new byte[] { 1, 2, 3 }, () -> local, () -> first);
		assertThat(one.remoteAddress()).isNull();
		observer.located(id, () -> local, () -> first);
		assertThat(one.remoteAddress()).isEqualTo(first);
		assertThat(one.localAddress()).isEqualTo(local);
		// Located once: a later request on the connection does not move it
		observer.located(id, () -> local, () -> second);
		assertThat(one.remoteAddress()).isEqualTo(first);

		SSLEngine resumed = serverContext.serverEngine();
		new EnginePair(clientContext.clientEngine("localhost", 443), resumed).handshake();
		assertThat(resumed.getSession().getId()).isEqualTo(id);
		TrackedConnection two = servers.connections().stream().filter((entry) -> entry != one).findFirst()
			.orElseThrow();
		// Two live connections on one session: which one a request came on cannot be told
		observer.located(id, () -> local, () -> second);
		assertThat(two.remoteAddress()).isNull();
		// Once the first has closed, the session's id names the second alone
		server.closeOutbound();
		assertThat(one.state()).isEqualTo(State.CLOSED);
		observer.located(id, () -> local, () -> second);
		assertThat(two.remoteAddress()).isEqualTo(second);
	}

	@Test
	void disabledRegistryHandsOutTheJdksOwnSocketsAndEngines() throws IOException {
		TlsContext context = TlsContext.builder(TlsOptions.defaults())
			.material(new TlsMaterial(null, List.of(ca.rootCertificate())))
			.registry(ConnectionRegistry.disabled())
			.build();
		assertThat(context.clientEngine("localhost", 443).getClass().getName()).startsWith("sun.security.ssl.");
		try (Socket socket = context.socketFactory().createSocket()) {
			assertThat(socket.getClass().getName()).startsWith("sun.security.ssl.");
		}
	}

	@Test
	void defaultRegistryIsTheGlobalOne() {
		assertThat(TlsContext.create("global", TlsOptions.defaults(),
				new TlsMaterial(null, List.of(ca.rootCertificate()))).registry())
			.isSameAs(ConnectionRegistry.global());
	}

	@Test
	void registryStaysBoundedOverHundredsOfRealHandshakes() throws Exception {
		ConnectionRegistry registry = ConnectionRegistry.create(50);
		TlsContext client = context("client", registry, null);
		TlsContext server = context("server", registry, localhost);
		for (int i = 0; i < 300; i++) {
			EnginePair pair = new EnginePair(client.clientEngine("localhost", 443), server.serverEngine());
			pair.handshake();
			pair.close();
		}
		assertThat(registry.connections()).hasSize(50).extracting(TrackedConnection::state)
			.containsOnly(State.CLOSED);
		assertThat(registry.connections().get(0).id()).isGreaterThan(550);
	}

	static TlsContext context(String name, ConnectionRegistry registry, IssuedCertificate identity) {
		return TlsContext.builder(TlsOptions.defaults())
			.name(name)
			.material(new TlsMaterial((identity != null) ? identity.keyMaterial() : null,
					List.of(ca.rootCertificate())))
			.registry(registry)
			.build();
	}

	static TrackedConnection single(ConnectionRegistry registry) {
		assertThat(registry.connections()).hasSize(1);
		return registry.connections().get(0);
	}

	static void awaitState(TrackedConnection connection, State state) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (connection.state() != state && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(connection.state()).isEqualTo(state);
	}

}
