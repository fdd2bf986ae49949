package dev.tlsboot.autoconfigure.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.TlsProperties;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.testing.Handshakes;
import dev.tlsboot.core.option.TlsRole;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.spi.ConnectionRef;
import dev.tlsboot.core.spi.TlsEventListener;
import dev.tlsboot.core.status.ConnectionInfo;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.test.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How {@link ServerTls} derives the server's contexts from {@code tls.server.*}, without a server.
 */
class ServerTlsTests {

	private static final TestCertificates certificates = TestCertificates.create();

	private final List<String> sessions = new CopyOnWriteArrayList<>();

	private final TlsContexts contexts = new TlsContexts(List.of(context("default", certificates.server()),
			context("api", certificates.ca().issueServer("api.example.test")),
			TlsContext.create("trust-only", TlsOptions.builder().build(),
					new TlsMaterial(null, List.of(certificates.ca().rootCertificate())))));

	@AfterAll
	static void deleteCertificates() {
		certificates.close();
	}

	private TlsContext context(String name, IssuedCertificate certificate) {
		TlsEventListener listener = new TlsEventListener() {

			@Override
			public void session(ConnectionRef connection, ConnectionInfo session) {
				ServerTlsTests.this.sessions.add(name);
			}

		};
		return TlsContext.builder(TlsOptions.builder().alpn("h2").build())
			.name(name)
			.material(new TlsMaterial(certificate.keyMaterial(), List.of(certificates.ca().rootCertificate())))
			.listener(listener)
			.build();
	}

	@Test
	void requestAndRequireOverrideTheContextsAndAlpnFollowsHttp2() {
		TlsProperties.Server server = new TlsProperties.Server();
		server.setRequire(true);
		TlsContext http2 = ServerTls.of(server, this.contexts, true).fallback();
		assertThat(http2.options().require(TlsRole.SERVER)).isTrue();
		assertThat(http2.options().alpn()).containsExactly("h2", "http/1.1");
		server.setRequire(null);
		server.setRequest(true);
		ServerTls requestOnly = ServerTls.of(server, this.contexts, false);
		assertThat(requestOnly.request()).isTrue();
		assertThat(requestOnly.require()).isFalse();
		assertThat(requestOnly.fallback().options().alpn()).as("never h2 on a server that does not speak it")
			.containsExactly("http/1.1");
	}

	@Test
	void fallbackServesItsCertificateWithTheServerContextsTrustAndListeners() throws Exception {
		TlsProperties.Server server = new TlsProperties.Server();
		server.setFallback("api");
		TlsContext context = ServerTls.of(server, this.contexts, false).context();
		assertThat(context.name()).isEqualTo("default");
		assertThat(context.certificateChain().get(0).getSubjectX500Principal().getName())
			.isEqualTo("CN=api.example.test");
		assertThat(serveOneHandshake(context)).isEqualTo("CN=api.example.test");
		assertThat(this.sessions).contains("default");
	}

	@Test
	void eachContextIsBuiltOnceForEveryServerAndThreadAskingForIt() throws Exception {
		TlsProperties.Server server = new TlsProperties.Server();
		server.getSni().put("api.example.test", "api");
		server.setFallback("api");
		ServerTls tls = ServerTls.of(server, this.contexts, false);
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<List<TlsContext>>> asked = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				asked.add(threads.submit(() -> List.of(tls.context(), tls.fallback(),
						tls.byServerName().get("api.example.test"))));
			}
			Set<TlsContext> contexts = Collections.newSetFromMap(new IdentityHashMap<>());
			for (Future<List<TlsContext>> answer : asked) {
				contexts.addAll(answer.get(10, TimeUnit.SECONDS));
			}
			// One context serving every name, and one serving the certificate of 'api' to Netty, fallback or not:
			// each built context follows its parents' reloads for as long as they live.
			assertThat(contexts).hasSize(2).contains(tls.context(), tls.fallback());
			assertThat(tls.byServerName().get("api.example.test")).isSameAs(tls.fallback());
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aMissingContextNamesTheProperty() {
		TlsProperties.Server server = new TlsProperties.Server();
		server.getSni().put("api.example.test", "apj");
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> ServerTls.of(server, this.contexts, false))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("tls.server.sni[api.example.test]"))
			.satisfies((ex) -> assertThat(ex.problem()).contains("no TLS context named 'apj'"));
	}

	@Test
	void anUnsupportedPatternNamesTheProperty() {
		TlsProperties.Server server = new TlsProperties.Server();
		server.getSni().put("api*.example.test", "api");
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> ServerTls.of(server, this.contexts, false))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("tls.server.sni"))
			.satisfies((ex) -> assertThat(ex.problem()).contains("'api*.example.test' is not supported"));
	}

	@Test
	void aContextWithoutCertificateCannotServe() {
		TlsProperties.Server server = new TlsProperties.Server();
		server.setContext("trust-only");
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> ServerTls.of(server, this.contexts, false))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("tls.server.context"))
			.satisfies((ex) -> assertThat(ex.problem()).contains("'trust-only' has no certificate"));
	}

	/** One handshake against the context on 127.0.0.1; the subject of the certificate the client got. */
	private static String serveOneHandshake(TlsContext server) throws Exception {
		TlsContext client = certificates.clientContext(TlsOptions.builder().servername("api.example.test"));
		return Handshakes.serverCertificateSeenBy(client, "127.0.0.1", server.serverSocketFactory())
			.getSubjectX500Principal()
			.getName();
	}

}
