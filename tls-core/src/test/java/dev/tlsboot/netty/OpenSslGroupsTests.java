package dev.tlsboot.netty;

import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsImplementation;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.OpenSslCli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code groups} option on Netty's OpenSSL channels, as {@code openssl s_client} sees a server's key exchange
 * (OpenSSL 3.0's client offers X25519 first, and P-256 and P-384 besides).
 */
class OpenSslGroupsTests {

	private static final IssuedCertificate SERVER = TestContexts.CA.issueServer("localhost");

	/** JDK 17 under the SSLContext cannot take groups; with provider openssl the context is built and Netty takes them. */
	@Test
	void serverKeyExchangeUsesTheGroupsOption() throws Exception {
		assertThat(serverTempKey((options) -> options.groups("P-384"))).contains("secp384r1");
	}

	@Test
	void unsetGroupsKeepThePostQuantumFirstDefaultWhichAnOpenSsl30ClientMeetsWithX25519() throws Exception {
		assertThat(serverTempKey((options) -> options)).contains("X25519");
	}

	@Test
	void groupBoringSslLacksFailsNamingTheOption() {
		NettyLoopback.assumeAvailable(NettyTlsImplementation.OPENSSL);
		TlsContext context = server((options) -> options.groups("X448"));
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> NettySslContext.forServer(context, NettyTlsImplementation.OPENSSL))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("groups"))
			.withMessageContaining("[X448]");
	}

	private static String serverTempKey(UnaryOperator<TlsOptions.Builder> options) throws Exception {
		NettyLoopback.assumeAvailable(NettyTlsImplementation.OPENSSL);
		OpenSslCli.assumeOpenSsl3();
		NettySslContext server = NettySslContext.forServer(server(options), NettyTlsImplementation.OPENSSL);
		try (NettyLoopback loopback = new NettyLoopback((channel) -> server.newHandler(channel.alloc()))) {
			String output = OpenSslCli.opensslWithInput("", "s_client", "-connect", "127.0.0.1:" + loopback.port(),
					"-servername", "localhost", "-tls1_3").checked();
			return output.lines().filter((line) -> line.startsWith("Server Temp Key")).findFirst().orElse(output);
		}
	}

	private static TlsContext server(UnaryOperator<TlsOptions.Builder> options) {
		return TestContexts.context("groups", SERVER,
				(builder) -> options.apply(builder.provider(TlsImplementation.OPENSSL)));
	}

}
