package dev.tlsboot.netty;

import io.netty.handler.ssl.OpenSsl;
import org.junit.jupiter.api.Test;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsImplementation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One {@code provider} option for every consumer: what a context's SSLContext and its Netty channels each get.
 */
class ProviderOptionTests {

	@Test
	void nettyChannelsGetOpenSslForOpensslAndTheSslContextForJdkAndConscrypt() {
		assertThat(NettyTlsImplementation.of(TlsImplementation.JDK)).isEqualTo(NettyTlsImplementation.JDK);
		assertThat(NettyTlsImplementation.of(TlsImplementation.CONSCRYPT)).isEqualTo(NettyTlsImplementation.JDK);
		assertThat(NettyTlsImplementation.of(TlsImplementation.OPENSSL)).isEqualTo(NettyTlsImplementation.OPENSSL);
		assertThat(NettyTlsImplementation.of(TlsImplementation.AUTO)).isEqualTo(NettyTlsImplementation.AUTO);
	}

	@Test
	void jdkIsTheJdkForBoth() {
		TlsContext context = context(TlsImplementation.JDK);
		assertThat(context.provider()).isEqualTo(TlsImplementation.JDK);
		assertThat(NettyTlsImplementation.version(context)).startsWith("SunJSSE ");
	}

	@Test
	void opensslIsTheJdkForTheSslContextAndOpenSslForChannels() {
		assumeTrue(OpenSsl.isAvailable(), () -> "netty-tcnative cannot be loaded: " + OpenSsl.unavailabilityCause());
		TlsContext context = context(TlsImplementation.OPENSSL);
		assertThat(context.provider()).isEqualTo(TlsImplementation.JDK);
		assertThat(NettyTlsImplementation.version(context)).startsWith("BoringSSL (netty-tcnative ");
		assertThat(NettySslContext.forClient(context, NettyTlsImplementation.of(context.options().provider()))
			.provider()).isEqualTo(NettyTlsImplementation.OPENSSL);
	}

	@Test
	void conscryptIsConscryptForBothChannelsRunningOnTheSslContext() {
		assumeTrue(TlsImplementation.CONSCRYPT.isAvailable(), TlsImplementation::conscryptUnavailability);
		TlsContext context = context(TlsImplementation.CONSCRYPT);
		assertThat(context.provider()).isEqualTo(TlsImplementation.CONSCRYPT);
		assertThat(NettyTlsImplementation.version(context)).startsWith("Conscrypt ");
	}

	@Test
	void autoIsTheFastestAvailableForEach() {
		TlsContext context = context(TlsImplementation.AUTO);
		assertThat(context.provider())
			.isEqualTo(TlsImplementation.CONSCRYPT.isAvailable() ? TlsImplementation.CONSCRYPT : TlsImplementation.JDK);
		assertThat(NettyTlsImplementation.version(context))
			.isEqualTo(OpenSsl.isAvailable() ? NettyTlsImplementation.OPENSSL.version() : context.providerVersion());
	}

	private static TlsContext context(TlsImplementation provider) {
		return TestContexts.context("provider-" + provider, null, (options) -> options.provider(provider));
	}

}
