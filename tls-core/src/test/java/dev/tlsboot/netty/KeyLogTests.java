package dev.tlsboot.netty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.option.TlsProtocol;
import dev.tlsboot.pki.IssuedCertificate;

import static dev.tlsboot.netty.NettyLoopback.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The key log gets the NSS key log lines of OpenSSL handshakes, and nothing from the JDK. */
class KeyLogTests {

	private static final IssuedCertificate SERVER = TestContexts.CA.issueServer("server.test");

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(names = { "TLS1_2", "TLS1_3" })
	void openSslHandshakesAreLogged(TlsProtocol protocol) throws Exception {
		NettyLoopback.assumeAvailable(NettyTlsImplementation.OPENSSL);
		UnaryOperator<TlsOptions.Builder> only = (options) -> options
			.protocol(TlsProtocol.TLS1_2, protocol == TlsProtocol.TLS1_2)
			.protocol(TlsProtocol.TLS1_3, protocol == TlsProtocol.TLS1_3);
		List<String> lines = handshakeWhileLogging(NettyTlsImplementation.OPENSSL, only);
		if (protocol == TlsProtocol.TLS1_2) {
			assertThat(lines).isNotEmpty().allMatch((line) -> line.matches("CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}"));
		}
		else {
			assertThat(lines).anyMatch((line) -> line.startsWith("CLIENT_HANDSHAKE_TRAFFIC_SECRET "))
				.anyMatch((line) -> line.startsWith("SERVER_TRAFFIC_SECRET_0 "));
		}
	}

	@Test
	void theJdkHasNoKeyLog() throws Exception {
		assertThat(handshakeWhileLogging(NettyTlsImplementation.JDK, UnaryOperator.identity())).isEmpty();
	}

	private List<String> handshakeWhileLogging(NettyTlsImplementation provider,
			UnaryOperator<TlsOptions.Builder> options) throws Exception {
		Path file = this.directory.resolve("keys.log");
		try (KeyLog keyLog = KeyLog.start(file)) {
			NettySslContext server = NettySslContext.forServer(TestContexts.context("server", SERVER, options),
					provider);
			NettySslContext client = NettySslContext.forClient(TestContexts.context("client", null, options),
					provider);
			try (NettyLoopback loopback = new NettyLoopback((channel) -> server.newHandler(channel.alloc()))) {
				await(loopback.connect(client, "server.test"));
				await(loopback.accepted());
			}
		}
		return Files.readAllLines(file);
	}

}
