package dev.tlsboot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.ClassUtils;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.revocation.RevocationMode;
import dev.tlsboot.core.revocation.RevocationScope;
import dev.tlsboot.core.spi.PasswordProvider;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.test.TestCertificates;
import dev.tlsboot.test.TlsCertificatesExtension;
import dev.tlsboot.testing.OpenSslCa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The contexts {@code tls.*} describes, built at startup: inheritance, the system store by default, the
 * PasswordProvider bean, and a plain application without web classes.
 */
@ExtendWith(TlsCertificatesExtension.class)
class TlsAutoConfigurationTests {

	private static final String PASSWORD = "pw-4711";

	private static TestCertificates certs;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class));

	@BeforeAll
	static void writeCertificates(TestCertificates certs) throws IOException {
		TlsAutoConfigurationTests.certs = certs;
		Files.writeString(certs.file("other-ca.crt"),
				CertificateAuthority.root("Other Test CA").rootCertificatePem());
		certs.ca().issueServer("localhost").writeTo(certs.directory(), "secured", PASSWORD.toCharArray());
	}

	@Test
	void withoutPropertiesTheDefaultContextTrustsTheSystemStore() {
		this.runner.run((context) -> {
			TlsContexts contexts = context.getBean(TlsContexts.class);
			assertThat(contexts.names()).containsExactly("default");
			TlsContext tls = context.getBean(TlsContext.class);
			assertThat(tls).isSameAs(contexts.getDefault()).isSameAs(contexts.get(null));
			assertThat(tls.options()).isEqualTo(TlsOptions.defaults());
			assertThat(tls.trustAnchors()).isNotEmpty()
				.containsExactlyElementsOf(TlsMaterial.load(TlsOptions.builder().castore("system").build()).trustAnchors());
			assertThat(tls.certificateChain()).isEmpty();
		});
	}

	@Test
	void namedContextInheritsTheDefaultsAndOverridesWhatItSets() {
		this.runner
			.withPropertyValues("tls.cafile=" + certs.location("ca.crt"),
					"tls.certfile=" + certs.location("server.crt"), "tls.keyfile=" + certs.location("server.key"),
					"tls.tls1.2=false", "tls.alpn=h2,http/1.1",
					"tls.handshake-timeout=3s", "tls.contexts.billing.cafile=" + certs.location("other-ca.crt"),
					"tls.contexts.billing.tls1.2=true", "tls.contexts.billing.servername=billing.internal")
			.run((context) -> {
				TlsContexts contexts = context.getBean(TlsContexts.class);
				assertThat(contexts.names()).containsExactly("default", "billing");
				TlsContext defaults = contexts.getDefault();
				TlsContext billing = contexts.get("billing");
				assertThat(defaults.protocols()).containsExactly("TLSv1.3");
				assertThat(billing.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
				assertThat(billing.options().alpn()).containsExactly("h2", "http/1.1");
				assertThat(billing.options().handshakeTimeout()).hasSeconds(3);
				assertThat(billing.certificateChain()).isEqualTo(defaults.certificateChain()).isNotEmpty();
				assertThat(billing.trustAnchors()).singleElement()
					.satisfies((ca) -> assertThat(ca.getSubjectX500Principal().getName()).contains("Other Test CA"));
				assertThat(defaults.trustAnchors()).singleElement()
					.satisfies((ca) -> assertThat(ca.getSubjectX500Principal().getName()).contains("TLS Boot Test CA"));
				assertThat(billing.options().servername()).isEqualTo("billing.internal");
				assertThat(defaults.options().servername()).isNull();
			});
	}

	@Test
	void revocationOptionsAreInheritedLikeTheOthers() {
		Path crl = OpenSslCa.create(certs.directory().resolve("revocation-db"), certs.ca()).crl(certs.file("ca.crl"));
		this.runner
			.withPropertyValues("tls.cafile=" + certs.location("ca.crt"), "tls.crlfile=" + crl,
					"tls.revocation=hard", "tls.revocation-scope=leaf", "tls.contexts.lenient.revocation=soft",
					"tls.revocation-timeout=2s", "tls.revocation-crldp=false", "tls.contexts.lenient.ocsp-responder=http://ocsp.internal/")
			.run((context) -> {
				TlsContexts contexts = context.getBean(TlsContexts.class);
				TlsContext defaults = contexts.getDefault();
				TlsContext lenient = contexts.get("lenient");
				assertThat(defaults.options().revocation()).isEqualTo(RevocationMode.HARD);
				assertThat(lenient.options().revocation()).isEqualTo(RevocationMode.SOFT);
				assertThat(lenient.options().revocationScope()).isEqualTo(RevocationScope.LEAF);
				assertThat(lenient.options().revocationTimeout()).hasSeconds(2);
				assertThat(lenient.options().ocspResponder()).hasToString("http://ocsp.internal/");
				assertThat(defaults.options().ocspResponder()).isNull();
				assertThat(lenient.options().revocationCrldp()).isFalse();
				assertThat(lenient.options().revocationOcsp()).isTrue();
				assertThat(lenient.crls()).singleElement()
					.satisfies((loaded) -> assertThat(loaded.getIssuerX500Principal()).isEqualTo(
							certs.ca().certificate().getSubjectX500Principal()));
			});
	}

	@Test
	void unknownContextNameListsTheKnownOnes() {
		this.runner.withPropertyValues("tls.contexts.billing.castore=java")
			.run((context) -> assertThatIllegalArgumentException()
				.isThrownBy(() -> context.getBean(TlsContexts.class).get("biling"))
				.withMessage("There is no TLS context named 'biling'; there are [default, billing]"));
	}

	@Test
	void passwordProviderBeanOpensAnEncryptedKeyWhenNoPasswordIsSet() {
		PasswordProvider provider = (location) -> PASSWORD.toCharArray();
		this.runner.withBean(PasswordProvider.class, () -> provider)
			.withPropertyValues(secured())
			.run((context) -> assertThat(context.getBean(TlsContext.class).certificateChain()).isNotEmpty());
	}

	@Test
	void passwordPropertyWinsOverThePasswordProviderBean() {
		PasswordProvider wrong = (location) -> "wrong".toCharArray();
		this.runner.withBean(PasswordProvider.class, () -> wrong)
			.withPropertyValues(secured("tls.password=" + PASSWORD))
			.run((context) -> assertThat(context.getBean(TlsContext.class).certificateChain()).isNotEmpty());
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void logsEachContextOnceWithoutSecrets(CapturedOutput output) {
		this.runner
			.withPropertyValues(secured("tls.password=" + PASSWORD, "tls.cafile=" + certs.location("ca.crt"),
					"tls.contexts.billing.castore=java", "tls.contexts.billing.tls1.2=false"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				X509Certificate leaf = context.getBean(TlsContext.class).certificateChain().get(0);
				String certificate = "certificate CN=localhost expires " + leaf.getNotAfter().toInstant();
				assertThat(output).containsOnlyOnce("TLS context 'default': protocols TLSv1.3, TLSv1.2; "
						+ certificate + "; trust anchors 1")
					.containsOnlyOnce("TLS context 'billing': protocols TLSv1.3; " + certificate + "; trust anchors ")
					.doesNotContain(PASSWORD);
			});
	}

	@Test
	void startsInAPlainApplicationWithoutWebClasses() {
		ClassLoader loader = getClass().getClassLoader();
		Class<?>[] tlsBoot = ImportCandidates.load(AutoConfiguration.class, loader)
			.getCandidates()
			.stream()
			.filter((candidate) -> candidate.startsWith("dev.tlsboot."))
			.map((candidate) -> ClassUtils.resolveClassName(candidate, loader))
			.toArray(Class<?>[]::new);
		assertThat(tlsBoot).contains(TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class);
		new ApplicationContextRunner()
			.withClassLoader(new FilteredClassLoader("jakarta.servlet", "org.springframework.web",
					"org.springframework.http", "org.apache.catalina", "org.apache.tomcat", "org.eclipse.jetty",
					"io.netty", "reactor.netty", "org.springframework.boot.web", "org.springframework.boot.tomcat",
					"org.springframework.boot.jetty", "org.springframework.boot.reactor",
					"org.springframework.boot.restclient", "org.springframework.boot.webclient",
					"org.springframework.boot.http"))
			.withConfiguration(AutoConfigurations.of(tlsBoot))
			.withPropertyValues("tls.certfile=" + certs.location("server.crt"),
					"tls.keyfile=" + certs.location("server.key"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(TlsContexts.class);
				assertThat(context.getBean(TlsContext.class).certificateChain()).isNotEmpty();
			});
	}

	/** {@code tls.certfile} and {@code tls.keyfile} of a certificate whose key is encrypted with {@link #PASSWORD}. */
	private static String[] secured(String... more) {
		return Stream.concat(Stream.of("tls.certfile=" + certs.location("secured.crt"),
				"tls.keyfile=" + certs.location("secured.key")), Stream.of(more)).toArray(String[]::new);
	}

}
