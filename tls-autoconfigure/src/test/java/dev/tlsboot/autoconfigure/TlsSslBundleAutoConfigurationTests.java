package dev.tlsboot.autoconfigure;

import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.test.TestCertificates;
import dev.tlsboot.test.TlsCertificatesExtension;
import dev.tlsboot.testing.Handshakes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every TLS Boot context is the Spring Boot SSL bundle {@code tls-<name>}, and serves real handshakes on 127.0.0.1
 * both through its own SSLContext and through the stores Spring Boot builds one from.
 */
@ExtendWith(TlsCertificatesExtension.class)
class TlsSslBundleAutoConfigurationTests {

	private static TestCertificates certs;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class,
				SslAutoConfiguration.class))
		.withPropertyValues("tls.cipher=ECDHE+AESGCM", "tls.contexts.web.certfile=" + certs.location("server.crt"),
				"tls.contexts.web.keyfile=" + certs.location("server.key"),
				"tls.contexts.web.cafile=" + certs.location("ca.crt"));

	@BeforeAll
	static void writeCertificates(TestCertificates certs) {
		TlsSslBundleAutoConfigurationTests.certs = certs;
	}

	@Test
	void everyContextIsABundleNamedAfterIt() {
		this.runner.run((context) -> {
			SslBundles bundles = context.getBean(SslBundles.class);
			assertThat(bundles.getBundleNames()).contains("tls-default", "tls-web");
			TlsContext web = context.getBean(TlsContexts.class).get("web");
			SslBundle bundle = bundles.getBundle("tls-web");
			assertThat(bundle.getProtocol()).isEqualTo("TLS");
			assertThat(bundle.getOptions().getEnabledProtocols()).containsExactlyElementsOf(web.protocols());
			assertThat(bundle.getOptions().getCiphers()).containsExactlyElementsOf(web.cipherSuites());
			assertThat(bundle.createSslContext()).isSameAs(web.sslContext());
		});
	}

	@Test
	void storesHoldTheKeyChainAndTrustAnchors() {
		this.runner.run((context) -> {
			TlsContext web = context.getBean(TlsContexts.class).get("web");
			SslBundle bundle = context.getBean(SslBundles.class).getBundle("tls-web");
			KeyStore keyStore = bundle.getStores().getKeyStore();
			String alias = bundle.getKey().getAlias();
			assertThat(keyStore.getCertificateChain(alias)).containsExactlyElementsOf(web.certificateChain());
			assertThat(keyStore.getKey(alias, bundle.getKey().getPassword().toCharArray())).isNotNull();
			KeyStore trustStore = bundle.getStores().getTrustStore();
			for (X509Certificate anchor : web.trustAnchors()) {
				assertThat(trustStore.getCertificateAlias(anchor)).isNotNull();
			}
			assertThat(trustStore.size()).isEqualTo(web.trustAnchors().size());
		});
	}

	@Test
	void aContextWithoutCertificateHasNoKeyStore() {
		this.runner.run((context) -> {
			SslBundle bundle = context.getBean(SslBundles.class).getBundle("tls-default");
			assertThat(bundle.getStores().getKeyStore()).isNull();
			assertThat(bundle.getStores().getTrustStore().size()).isPositive();
		});
	}

	@Test
	void bundleSslContextServesAClientThatTrustsTheSameCa() {
		this.runner.run((context) -> {
			SSLContext server = context.getBean(SslBundles.class).getBundle("tls-web").createSslContext();
			assertThat(handshake(server)).isEqualTo("CN=localhost");
		});
	}

	@Test
	void sslContextSpringBootBuildsFromTheStoresServesToo() {
		this.runner.run((context) -> {
			SslBundle bundle = context.getBean(SslBundles.class).getBundle("tls-web");
			SSLContext server = bundle.getManagers().createSslContext(bundle.getProtocol());
			assertThat(handshake(server)).isEqualTo("CN=localhost");
		});
	}

	/** Serve one handshake on 127.0.0.1 to a TLS Boot client trusting the test CA; the server's subject. */
	private static String handshake(SSLContext serverContext) throws Exception {
		TlsContext client = TlsContext.create(TlsOptions.builder().cafile(certs.location("ca.crt")).build());
		return Handshakes.serverCertificateSeenBy(client, "localhost", serverContext.getServerSocketFactory())
			.getSubjectX500Principal()
			.getName();
	}

}
