package dev.tlsboot.core;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.pki.CertificateAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A context of the default options makes its SSLContext and reads the system trust store on first use, once, and
 * then behaves as one made at once; a context with anything set is made, and checked, when it is built.
 */
class DefaultOptionsContextTests {

	@Test
	void waitsForFirstUse() {
		TlsContext context = TlsContext.create(TlsOptions.defaults());
		assertThat(context.isInitialized()).isFalse();
		assertThat(context.certificateChain()).isEmpty();
		assertThat(context.keyMaterial()).isEmpty();
		assertThat(context.keyManager()).isNotNull();
		assertThat(context).hasToString("TlsContext 'default' [default options, made on first use]");
		assertThat(context.isInitialized()).isFalse();
		assertThat(context.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
		assertThat(context.isInitialized()).isTrue();
		assertThat(context.trustAnchors()).isNotEmpty()
			.containsExactlyElementsOf(TlsMaterial.load(TlsOptions.defaults()).trustAnchors());
		assertThat(context.toString()).contains(context.trustAnchors().size() + " trusted CAs");
	}

	@Test
	void firstHandshakeVerifiesAgainstTheSystemStore() throws Exception {
		CertificateAuthority selfSigned = CertificateAuthority.root("localhost");
		TlsContext client = TlsContext.create(TlsOptions.defaults());
		try (LoopbackTlsServer server = LoopbackTlsServer.start(TlsContext.create("server", TlsOptions.defaults(),
				new TlsMaterial(selfSigned.asIssuedCertificate().keyMaterial(), List.of())))) {
			assertThatExceptionOfType(TlsHandshakeException.class)
				.isThrownBy(() -> client.connect("localhost", server.port()))
				.satisfies((ex) -> assertThat(ex.failure().cause()).isEqualTo(Cause.UNKNOWN_CA))
				.withMessageContaining("issued by 'CN=localhost', which is not trusted here");
		}
		assertThat(client.isInitialized()).isTrue();
	}

	@Test
	void concurrentFirstUsesShareOneSslContext() throws Exception {
		TlsContext context = TlsContext.create(TlsOptions.defaults());
		int threads = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			Callable<SSLContext> firstUse = () -> {
				start.await();
				return context.sslContext();
			};
			List<Future<SSLContext>> made = IntStream.range(0, threads)
				.mapToObj((i) -> executor.submit(firstUse))
				.toList();
			start.countDown();
			for (Future<SSLContext> sslContext : made) {
				assertThat(sslContext.get(30, TimeUnit.SECONDS)).isSameAs(context.sslContext());
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void anythingSetIsMadeAndCheckedAtBuild() {
		assertThat(TlsContext.create(TlsOptions.builder().alpn("h2").build()).isInitialized()).isTrue();
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> TlsContext.create(TlsOptions.builder().cipher("ECDHE+NOSUCHCIPHER").build()))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("cipher"));
	}

	@Test
	void materialGivenIsMadeAtBuild() {
		TlsContext context = TlsContext.create("given", TlsOptions.defaults(),
				new TlsMaterial(null, List.of(CertificateAuthority.root("Given CA").rootCertificate())));
		assertThat(context.isInitialized()).isTrue();
	}

}
