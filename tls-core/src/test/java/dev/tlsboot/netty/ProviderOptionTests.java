package dev.tlsboot.netty;

import io.netty.handler.ssl.OpenSsl;
import org.junit.jupiter.api.Test;

import dev.tlsboot.core.JsseProvider;
import dev.tlsboot.core.TlsContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One {@code provider} option for every consumer: what a context's SSLContext and its Netty channels each get.
 */
class ProviderOptionTests {

	@Test
	void nettyChannelsGetOpenSslForOpensslAndTheSslContextForJdkAndConscrypt() {
		assertThat(TlsProvider.of(JsseProvider.JDK)).isEqualTo(TlsProvider.JDK);
		assertThat(TlsProvider.of(JsseProvider.CONSCRYPT)).isEqualTo(TlsProvider.JDK);
		assertThat(TlsProvider.of(JsseProvider.OPENSSL)).isEqualTo(TlsProvider.OPENSSL);
		assertThat(TlsProvider.of(JsseProvider.AUTO)).isEqualTo(TlsProvider.AUTO);
	}

	@Test
	void jdkIsTheJdkForBoth() {
		TlsContext context = context(JsseProvider.JDK);
		assertThat(context.provider()).isEqualTo(JsseProvider.JDK);
		assertThat(TlsProvider.version(context)).startsWith("SunJSSE ");
	}

	@Test
	void opensslIsTheJdkForTheSslContextAndOpenSslForChannels() {
		assumeTrue(OpenSsl.isAvailable(), () -> "netty-tcnative cannot be loaded: " + OpenSsl.unavailabilityCause());
		TlsContext context = context(JsseProvider.OPENSSL);
		assertThat(context.provider()).isEqualTo(JsseProvider.JDK);
		assertThat(TlsProvider.version(context)).startsWith("BoringSSL (netty-tcnative ");
		assertThat(NettySslContext.forClient(context, TlsProvider.of(context.options().provider())).provider())
			.isEqualTo(TlsProvider.OPENSSL);
	}

	@Test
	void conscryptIsConscryptForBothChannelsRunningOnTheSslContext() {
		assumeTrue(JsseProvider.CONSCRYPT.isAvailable(), JsseProvider::conscryptUnavailability);
		TlsContext context = context(JsseProvider.CONSCRYPT);
		assertThat(context.provider()).isEqualTo(JsseProvider.CONSCRYPT);
		assertThat(TlsProvider.version(context)).startsWith("Conscrypt ");
	}

	@Test
	void autoIsTheFastestAvailableForEach() {
		TlsContext context = context(JsseProvider.AUTO);
		assertThat(context.provider())
			.isEqualTo(JsseProvider.CONSCRYPT.isAvailable() ? JsseProvider.CONSCRYPT : JsseProvider.JDK);
		assertThat(TlsProvider.version(context))
			.isEqualTo(OpenSsl.isAvailable() ? TlsProvider.OPENSSL.version() : context.providerVersion());
	}

	private static TlsContext context(JsseProvider provider) {
		return TestContexts.context("provider-" + provider, null, (options) -> options.provider(provider));
	}

}
