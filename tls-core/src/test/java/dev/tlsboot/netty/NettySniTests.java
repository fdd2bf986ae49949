package dev.tlsboot.netty;

import java.util.Map;
import java.util.function.UnaryOperator;

import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.tlsboot.core.TlsContext;

import static dev.tlsboot.netty.NettyLoopback.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One server port, several certificates: the client's SNI picks one, exact names before wildcards, and the fallback
 * serves the rest.
 */
class NettySniTests {

	@ParameterizedTest
	@EnumSource(names = { "JDK", "OPENSSL" })
	void sniPicksTheCertificate(NettyTlsImplementation provider) throws Exception {
		NettyLoopback.assumeAvailable(provider);
		TlsContext api = server("api.example.test");
		TlsContext web = server("*.example.test");
		TlsContext fallback = server("fallback.test");
		Mapping<String, SslContext> mapping = NettySni.mapping(
				Map.of("api.example.test", api, "*.example.test", web, "www.example.test", web), fallback, provider);
		assertThat(mapping.map("API.Example.Test")).isSameAs(mapping.map("api.example.test"));
		assertThat(mapping.map("www.example.test")).isSameAs(mapping.map("shop.example.test"));
		try (NettyLoopback loopback = new NettyLoopback((channel) -> NettySni.handler(mapping, fallback))) {
			assertThat(peerSubject(loopback, provider, "api.example.test")).isEqualTo("CN=api.example.test");
			assertThat(peerSubject(loopback, provider, "shop.example.test")).isEqualTo("CN=*.example.test");
			assertThat(peerSubject(loopback, provider, "fallback.test")).isEqualTo("CN=fallback.test");
		}
	}

	private static TlsContext server(String name) {
		return TestContexts.context(name, TestContexts.CA.issueServer(name), UnaryOperator.identity());
	}

	/** The subject of the certificate a client connecting under {@code host} got, which it also checked. */
	private static String peerSubject(NettyLoopback loopback, NettyTlsImplementation provider, String host)
			throws Exception {
		TlsContext client = TestContexts.context("client", null, UnaryOperator.identity());
		String subject = await(loopback.connect(NettySslContext.forClient(client, provider), host)).peerSubject();
		assertThat(await(loopback.accepted()).protocol()).isEqualTo("TLSv1.3");
		return subject;
	}

}
