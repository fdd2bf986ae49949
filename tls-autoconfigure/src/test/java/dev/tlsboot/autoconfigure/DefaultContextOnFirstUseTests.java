package dev.tlsboot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.ClassUtils;

import dev.tlsboot.actuate.TlsCertificateMetrics;
import dev.tlsboot.actuate.TlsEndpoint;
import dev.tlsboot.actuate.TlsHealthIndicator;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsHandshakeException;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.test.TestCertificates;
import dev.tlsboot.test.TlsCertificatesExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With nothing set under {@code tls.*}, a refresh does no TLS work: every bean that holds the default context (the
 * SSL bundle bridge, the HTTP clients' bundle, the {@code tls} endpoint, health, metrics, the rotation watcher) leaves
 * it to make its SSLContext and read the system trust store on first use, which then behaves as at startup. With
 * material set, it is read and checked at startup, and bad input fails there.
 */
@ExtendWith({ OutputCaptureExtension.class, TlsCertificatesExtension.class })
class DefaultContextOnFirstUseTests {

	private static TestCertificates certs;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(tlsBootAnd(SslAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				RestClientAutoConfiguration.class, EndpointAutoConfiguration.class, MetricsAutoConfiguration.class)))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("management.endpoints.web.exposure.include=tls");

	@BeforeAll
	static void writeCertificates(TestCertificates certs) {
		DefaultContextOnFirstUseTests.certs = certs;
	}

	@Test
	void refreshLeavesTheDefaultContextUnmade(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(TlsEndpoint.class)
				.hasSingleBean(TlsHealthIndicator.class)
				.hasSingleBean(TlsCertificateMetrics.class);
			assertThat(context.getBean(HttpClientSettings.class).sslBundle()).isNotNull();
			SslBundle bridged = context.getBean(SslBundles.class).getBundle("tls-default");
			TlsContext tls = context.getBean(TlsContext.class);
			assertThat(tls.isInitialized()).isFalse();
			assertThat(tls.certificateChain()).isEmpty();
			assertThat(tls).hasToString("TlsContext 'default' [default options, made on first use]");
			assertThat(output).containsOnlyOnce(
					"TLS context 'default': default options; no certificate; system trust store, loaded on first use");
			// A consumer of the bundle is a first use.
			assertThat(bridged.getOptions().getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
			assertThat(tls.isInitialized()).isTrue();
		});
	}

	@Test
	void firstHandshakeVerifiesAgainstTheSystemStoreAndRefusesASelfSignedServer() {
		TlsContext selfSigned = TlsContext.create("self-signed", TlsOptions.defaults(),
				new TlsMaterial(CertificateAuthority.root("localhost").asIssuedCertificate().keyMaterial(), List.of()));
		this.runner.run((context) -> {
			TlsContext tls = context.getBean(TlsContext.class);
			assertThat(tls.isInitialized()).isFalse();
			assertThatExceptionOfType(TlsHandshakeException.class)
				.isThrownBy(() -> LoopbackConnection.open(selfSigned, tls))
				.satisfies((ex) -> assertThat(ex.failure().cause()).isEqualTo(Cause.UNKNOWN_CA))
				.withMessageContaining("issued by 'CN=localhost', which is not trusted here");
			assertThat(tls.isInitialized()).isTrue();
			// The system's CA bundle (the JDK's cacerts where there is none) is what refused it.
			assertThat(context.getBean(TlsEndpoint.class).tls().contexts().get("default").trustAnchors()).isPositive();
		});
	}

	@Test
	void materialSetIsReadAtStartup(CapturedOutput output) {
		this.runner.withPropertyValues("tls.cafile=" + certs.location("ca.crt")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(TlsContext.class).isInitialized()).isTrue();
			assertThat(output).contains("TLS context 'default': protocols TLSv1.3, TLSv1.2; no certificate; "
					+ "trust anchors 1");
		});
	}

	@Test
	void missingCafileStillFailsStartupNamingTheProperty() {
		String missing = certs.location("missing-ca.pem");
		this.runner.withPropertyValues("tls.cafile=" + missing).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new TlsConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Property: tls.cafile\n")
				.contains("File: " + missing + "\n")
				.contains("Reason: the file does not exist.");
		});
	}

	/** Every TLS Boot auto-configuration, as the application's class path has them, and {@code others}. */
	private static Class<?>[] tlsBootAnd(Class<?>... others) {
		ClassLoader loader = DefaultContextOnFirstUseTests.class.getClassLoader();
		List<Class<?>> classes = new ArrayList<>(List.of(others));
		ImportCandidates.load(AutoConfiguration.class, loader)
			.getCandidates()
			.stream()
			.filter((candidate) -> candidate.startsWith("dev.tlsboot."))
			.map((candidate) -> ClassUtils.resolveClassName(candidate, loader))
			.forEach(classes::add);
		return classes.toArray(Class<?>[]::new);
	}

}
