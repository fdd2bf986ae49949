package dev.tlsboot.core.status;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tlsboot.pki.CertificateAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConnectionInfo} over real handshakes on 127.0.0.1.
 */
class ConnectionInfoTests {

	private static final CertificateAuthority CA = CertificateAuthority.root("Test CA");

	@ParameterizedTest
	@CsvSource({
			"TLSv1.2, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, ECDHE-ECDSA-AES256-GCM-SHA384, 256, 0xC02C, true, SHA384",
			"TLSv1.3, TLS_AES_128_GCM_SHA256, TLS_AES_128_GCM_SHA256, 128, 0x1301, false, SHA256" })
	void describesBothSides(String protocol, String suite, String cipher, int bits, String id, boolean renegotiation,
			String digest) throws Exception {
		SSLContext serverContext = LoopbackTls.context(CA.issueServer("localhost"), CA);
		try (LoopbackTls server = LoopbackTls.start(serverContext,
				(parameters) -> parameters.setApplicationProtocols(new String[] { "h2" }));
				LoopbackTls.Connection connection = server.connect(LoopbackTls.context(null, CA), "localhost",
						(parameters) -> {
							parameters.setProtocols(new String[] { protocol });
							parameters.setCipherSuites(new String[] { suite });
							parameters.setServerNames(List.of(new SNIHostName("localhost")));
							parameters.setApplicationProtocols(new String[] { "h2" });
						})) {
			SSLSocket clientSocket = connection.client().socket();
			ConnectionInfo client = ConnectionInfo.of(clientSocket, 2, connection.client().handshakeStarted());
			assertThat(client.state()).isEqualTo("OPEN");
			assertThat(client.servername()).isEqualTo("localhost");
			assertThat(client.protocol()).isEqualTo(protocol);
			assertThat(client.renegotiationAllowed()).isEqualTo(renegotiation);
			assertThat(client.securityLevel()).isEqualTo(2);
			assertThat(client.sessionReused()).isFalse();
			assertThat(client.isServer()).isFalse();
			assertThat(client.compression()).isEqualTo("none");
			assertThat(client.expansion()).isEqualTo("none");
			assertThat(client.caList()).isNull();
			assertThat(client.cipher()).isEqualTo(cipher);
			assertThat(client.standardName()).isEqualTo(suite);
			assertThat(client.algorithmBits()).isEqualTo(bits);
			assertThat(client.secretBits()).isEqualTo(bits);
			assertThat(client.minVersion()).isEqualTo(protocol);
			assertThat(client.cipherIsAead()).isTrue();
			assertThat(client.cipherId()).isEqualTo(id);
			assertThat(client.description()).startsWith(cipher).contains("Mac=AEAD");
			assertThat(client.handshakeDigest()).isEqualTo(digest);
			assertThat(client.alpn()).isEqualTo("h2");
			assertThat(client.resumable()).isTrue();
			assertThat(client.startTime()).isBetween(connection.client().handshakeStarted().minusSeconds(1),
					Instant.now());
			assertThat(client.timeout()).isEqualTo(Duration.ofSeconds(86400));
			assertThat(client.lifetime()).isNull();
			assertThat(client.sessionId()).isEqualTo(sha256(clientSocket.getSession().getId()));
			assertThat(client.sessionCacheMode()).isEqualTo("client");

			ConnectionInfo serverInfo = ConnectionInfo.of(connection.server().socket(), null,
					connection.server().handshakeStarted());
			assertThat(serverInfo.state()).isEqualTo("OPEN");
			assertThat(serverInfo.servername()).isEqualTo("localhost");
			assertThat(serverInfo.isServer()).isTrue();
			assertThat(serverInfo.sessionReused()).isFalse();
			assertThat(serverInfo.securityLevel()).isNull();
			assertThat(serverInfo.cipherId()).isEqualTo(id);
			assertThat(serverInfo.alpn()).isEqualTo("h2");
			assertThat(serverInfo.sessionCacheMode()).isEqualTo("server");

			connection.close();
			assertThat(ConnectionInfo.of(clientSocket, 2, null).state()).isEqualTo("CLOSED");
		}
	}

	@Test
	void clientWithoutServerNameSendsNone() throws Exception {
		try (LoopbackTls server = LoopbackTls.start(LoopbackTls.context(CA.issueServer("localhost"), CA),
				(parameters) -> {
				}); LoopbackTls.Connection connection = server.connect(LoopbackTls.context(null, CA), "localhost",
						(parameters) -> {
						})) {
			// The JDK sends SNI only for dotted host names unless told otherwise
			assertThat(ConnectionInfo.of(connection.client().socket(), 2, null).servername()).isNull();
			assertThat(ConnectionInfo.of(connection.server().socket(), 2, null).servername()).isNull();
			assertThat(ConnectionInfo.of(connection.client().socket(), 2, null).alpn()).isNull();
		}
	}

	@ParameterizedTest
	@CsvSource({ "TLSv1.2", "TLSv1.3" })
	void detectsResumptionWhenTheSameClientContextConnectsTwice(String protocol) throws Exception {
		SSLContext clientContext = LoopbackTls.context(null, CA);
		try (LoopbackTls server = LoopbackTls.start(LoopbackTls.context(CA.issueServer("localhost"), CA),
				(parameters) -> {
				})) {
			LoopbackTls.Connection first = server.connect(clientContext, "localhost",
					(parameters) -> parameters.setProtocols(new String[] { protocol }));
			ConnectionInfo firstClient = ConnectionInfo.of(first.client().socket(), 2,
					first.client().handshakeStarted());
			ConnectionInfo firstServer = ConnectionInfo.of(first.server().socket(), 2,
					first.server().handshakeStarted());
			first.close();
			// Session times have millisecond resolution
			Thread.sleep(5);
			try (LoopbackTls.Connection second = server.connect(clientContext, "localhost",
					(parameters) -> parameters.setProtocols(new String[] { protocol }))) {
				ConnectionInfo client = ConnectionInfo.of(second.client().socket(), 2,
						second.client().handshakeStarted());
				ConnectionInfo serverInfo = ConnectionInfo.of(second.server().socket(), 2,
						second.server().handshakeStarted());
				assertThat(firstClient.sessionReused()).isFalse();
				assertThat(firstServer.sessionReused()).isFalse();
				assertThat(client.sessionReused()).isTrue();
				assertThat(serverInfo.sessionReused()).isTrue();
				assertThat(client.startTime()).isEqualTo(firstClient.startTime());
				// No verification happened this time: a TLS 1.2 client resumes the session it verified, a TLS 1.3
				// client gets a new session object with no result of its own
				assertThat(VerifyResult.of(second.client().socket().getSession()))
					.isEqualTo("TLSv1.2".equals(protocol) ? VerifyResult.OK : null);
				// Without the start of the handshake, the JDK's bookkeeping is all there is: it touches resumed
				// sessions, except a TLS 1.2 session on the client (the documented limit)
				assertThat(ConnectionInfo.of(second.server().socket(), 2, null).sessionReused()).isTrue();
				assertThat(ConnectionInfo.of(second.client().socket(), 2, null).sessionReused())
					.isEqualTo("TLSv1.3".equals(protocol));
			}
		}
	}

	@Test
	void describesEnginesBeforeAndAfterTheirHandshake() throws Exception {
		SSLEngine serverEngine = LoopbackTls.context(CA.issueServer("localhost"), CA).createSSLEngine();
		serverEngine.setUseClientMode(false);
		SSLEngine clientEngine = LoopbackTls.context(null, CA).createSSLEngine("localhost", 443);
		clientEngine.setUseClientMode(true);
		SSLParameters parameters = clientEngine.getSSLParameters();
		parameters.setServerNames(List.of(new SNIHostName("localhost")));
		clientEngine.setSSLParameters(parameters);
		assertThat(ConnectionInfo.of(clientEngine, 2, null).state()).isEqualTo("NEGOTIATING");
		assertThat(ConnectionInfo.of(clientEngine, 2, null).resumable()).isFalse();
		Instant started = Instant.now();
		LoopbackTls.handshake(clientEngine, serverEngine);
		ConnectionInfo client = ConnectionInfo.of(clientEngine, 2, started);
		ConnectionInfo serverInfo = ConnectionInfo.of(serverEngine, 2, started);
		assertThat(client.state()).isEqualTo("OPEN");
		assertThat(client.protocol()).isEqualTo("TLSv1.3");
		assertThat(client.sessionReused()).isFalse();
		assertThat(client.isServer()).isFalse();
		assertThat(serverInfo.isServer()).isTrue();
		assertThat(serverInfo.servername()).isEqualTo("localhost");
		assertThat(serverInfo.cipherId()).isEqualTo(client.cipherId()).startsWith("0x13");
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
