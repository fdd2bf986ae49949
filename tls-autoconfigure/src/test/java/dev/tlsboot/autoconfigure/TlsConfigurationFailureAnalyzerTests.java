package dev.tlsboot.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import dev.tlsboot.autoconfigure.server.TlsWebServerAutoConfiguration;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.test.TestCertificates;
import dev.tlsboot.test.TlsCertificatesExtension;
import dev.tlsboot.testing.OpenSslCa;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kind of bad {@code tls.*} stops startup, and the analysis names the property, the file, the problem and what
 * to do.
 */
@ExtendWith({ TlsCertificatesExtension.class, OutputCaptureExtension.class })
class TlsConfigurationFailureAnalyzerTests {

	private static final String PASSWORD = "pw-4711";

	private static TestCertificates certs;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsWebServerAutoConfiguration.class));

	@BeforeAll
	static void writeCertificates(TestCertificates certs) throws IOException {
		TlsConfigurationFailureAnalyzerTests.certs = certs;
		certs.ca().issueServer("localhost").writeTo(certs.directory(), "secured", PASSWORD.toCharArray());
		Files.write(certs.file("store.p12"), CertificateAuthority.root("Store CA")
			.issueServer("web.example")
			.pkcs12("web", PASSWORD.toCharArray()));
		Instant now = Instant.now();
		certs.ca().issue().commonName("localhost").serverAuth()
			.validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).build()
			.writeTo(certs.directory(), "expired");
		certs.ca().issue().commonName("localhost").serverAuth()
			.validity(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(3))).build()
			.writeTo(certs.directory(), "expiring");
		Files.writeString(certs.file("garbage.crt"),
				"-----BEGIN CERTIFICATE-----\nthis is not base64 at all\n-----END CERTIFICATE-----\n");
	}

	@Test
	void isRegisteredAsAFailureAnalyzer() {
		// Others' analyzers need a bean factory to be made: leave them out.
		FailureHandler skipOthers = FailureHandler.handleMessage((message, failure) -> {
		});
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class, null, skipOthers))
			.hasAtLeastOneElementOfType(TlsConfigurationFailureAnalyzer.class);
	}

	@Test
	void missingFileOfANamedContext() {
		String missing = certs.location("missing.key");
		FailureAnalysis analysis = analyzeStartup("tls.contexts.billing.certfile=" + certs.location("server.crt"),
				"tls.contexts.billing.keyfile=" + missing);
		assertThat(analysis.getDescription()).isEqualTo("""
				Invalid TLS configuration:

				    Property: tls.contexts.billing.keyfile
				    File: %s
				    Reason: the file does not exist.""".formatted(missing));
		assertThat(analysis.getAction()).startsWith("Check the path");
	}

	@Test
	void wrongPassword() {
		FailureAnalysis analysis = analyzeStartup("tls.certfile=" + certs.location("secured.crt"),
				"tls.keyfile=" + certs.location("secured.key"), "tls.password=not-it");
		assertThat(analysis.getDescription()).contains("Property: tls.password\n")
			.contains("File: " + certs.location("secured.key") + "\n")
			.contains("Reason: wrong password");
		assertThat(analysis.getAction()).isNotBlank();
	}

	@Test
	void keyThatDoesNotBelongToTheCertificate() {
		FailureAnalysis analysis = analyzeStartup("tls.certfile=" + certs.location("server.crt"),
				"tls.keyfile=" + certs.location("client.key"));
		assertThat(analysis.getDescription()).contains("Property: tls.keyfile\n")
			.contains("File: " + certs.location("client.key") + "\n")
			.contains("Reason: the private key does not belong to the certificate in 'certfile'");
		assertThat(analysis.getAction()).isNotBlank();
	}

	@Test
	void unparsablePem() {
		FailureAnalysis analysis = analyzeStartup("tls.certfile=" + certs.location("garbage.crt"),
				"tls.keyfile=" + certs.location("server.key"));
		assertThat(analysis.getDescription()).contains("Property: tls.certfile\n")
			.contains("File: " + certs.location("garbage.crt") + "\n");
		assertThat(analysis.getAction()).isNotBlank();
	}

	@Test
	void expiredCertificateStopsStartupAsAReloadWouldRefuseIt() {
		FailureAnalysis analysis = analyzeStartup("tls.contexts.web.certfile=" + certs.location("expired.crt"),
				"tls.contexts.web.keyfile=" + certs.location("expired.key"));
		assertThat(analysis.getDescription()).contains("Property: tls.contexts.web.certfile\n")
			.contains("File: " + certs.location("expired.crt") + "\n")
			.containsPattern("Reason: the certificate 'CN=localhost' expired on \\S+ \\(now \\S+\\)\\.");
		assertThat(analysis.getAction()).startsWith("Install a renewed certificate");
	}

	@Test
	void certificateExpiringWithinTheHealthThresholdIsWarnedAboutAtStartup(CapturedOutput output) {
		this.runner.withPropertyValues("tls.certfile=" + certs.location("expiring.crt"),
				"tls.keyfile=" + certs.location("expiring.key"))
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).containsPattern("WARN.*TLS context 'default': certificate CN=localhost expires on \\S+, "
				+ "in 2 days \\(within tls.health.warning-threshold, 14 days\\): renew it.");
	}

	@Test
	void unknownCipher() {
		FailureAnalysis analysis = analyzeStartup("tls.cipher=ECDHE+AESGCM:NOT-A-CIPHER");
		assertThat(analysis.getDescription()).contains("Property: tls.cipher\n")
			.doesNotContain("File:")
			.contains("NOT-A-CIPHER");
		assertThat(analysis.getAction()).isNotBlank();
	}

	@Test
	void unknownCastoreUri() {
		FailureAnalysis analysis = analyzeStartup("tls.contexts.vault.castore=vault:secret/ca");
		assertThat(analysis.getDescription()).contains("Property: tls.contexts.vault.castore\n")
			.contains("File: vault:secret/ca\n")
			.contains("Reason: this is not a trust store this library knows.");
		assertThat(analysis.getAction()).contains("system").contains("java");
	}

	@Test
	void inheritedOptionIsReportedWhereItIsSet() {
		FailureAnalysis analysis = analyzeStartup("tls.tls1=true", "tls.security-level=0",
				"tls.contexts.strict.security-level=2");
		assertThat(analysis.getDescription()).contains("Property: tls.tls1 (inherited by tls.contexts.strict)\n")
			.contains("security level 2");
	}

	@Test
	void serverThatRequiresClientCertificatesWithoutACaNamesTlsServerRequire() {
		FailureAnalysis analysis = analyzeStartup("tls.certfile=" + certs.location("server.crt"),
				"tls.keyfile=" + certs.location("server.key"), "tls.server.require=true");
		assertThat(analysis.getDescription()).contains("Property: tls.server.require\n");
	}

	@Test
	void optionTheServerContextInheritedIsReportedWhereItIsSet() {
		FailureAnalysis analysis = analyzeStartup("tls.require=true",
				"tls.contexts.web.certfile=" + certs.location("server.crt"),
				"tls.contexts.web.keyfile=" + certs.location("server.key"), "tls.server.context=web");
		assertThat(analysis.getDescription()).contains("Property: tls.require (inherited by tls.contexts.web)\n");
	}

	@Test
	void optionOfTheServerContextIsReportedWhereItIsSet() {
		FailureAnalysis analysis = analyzeStartup("tls.contexts.web.require=true",
				"tls.contexts.web.certfile=" + certs.location("server.crt"),
				"tls.contexts.web.keyfile=" + certs.location("server.key"), "tls.server.context=web");
		assertThat(analysis.getDescription()).contains("Property: tls.contexts.web.require\n");
	}

	@Test
	void keystoreInANamedContextThatInheritsAKeyfileNamesBoth() {
		FailureAnalysis analysis = analyzeStartup(this.runner.withInitializer(yaml(keystoreInANamedContext(""))));
		assertThat(analysis.getDescription()).isEqualTo("""
				Invalid TLS configuration:

				    Property: tls.keyfile (inherited by tls.contexts.web)
				    File: %s
				    Conflicts with: tls.contexts.web.certfile (%s)
				    Reason: 'certfile' is a PKCS#12 keystore, which holds the key and its chain, and 'keyfile' names \
				a key as well.""".formatted(certs.location("server.key"), certs.location("store.p12")));
		assertThat(analysis.getAction()).isEqualTo("Leave 'keyfile' unset where 'certfile' is a keystore (a context "
				+ "that inherits it can set it to an empty value), or point 'certfile' at the PEM or DER certificate "
				+ "chain of that key.");
	}

	@Test
	void keystoreInANamedContextWithItsKeyfileLeftEmptyStarts() {
		this.runner.withInitializer(yaml(keystoreInANamedContext("      keyfile: \"\"\n")))
			.run((context) -> assertThat(context.getBean(TlsContexts.class).get("web").certificateChain().get(0)
				.getSubjectX500Principal().getName()).isEqualTo("CN=web.example"));
	}

	@Test
	void namedContextCalledDefault() {
		FailureAnalysis analysis = analyzeStartup("tls.contexts.default.cipher=HIGH");
		assertThat(analysis.getDescription()).contains("Property: tls.contexts.default\n");
		assertThat(analysis.getAction()).contains("another name");
	}

	@Test
	void settingThatNamesAnUnknownContext() {
		FailureAnalysis analysis = analyzeStartup("tls.contexts.billing.castore=java",
				"tls.client.routes[billing.internal]=biling");
		assertThat(analysis.getDescription()).contains("Property: tls.client.routes[billing.internal]\n")
			.contains("Reason: there is no TLS context named 'biling'.");
		assertThat(analysis.getAction()).contains("[default, billing]");
	}

	@Test
	void tlsServerAndServerSslTogether() {
		FailureAnalysis analysis = analyzeStartup("tls.server.require=true", "server.ssl.bundle=web");
		assertThat(analysis.getDescription()).contains("Property: tls.server.require\n")
			.contains("'server.ssl.bundle' is set as well");
		assertThat(analysis.getAction()).contains("server.ssl.bundle=tls-<name>");
	}

	@Test
	void tlsServerWithServerSslDisabledStarts() {
		this.runner.withPropertyValues("tls.server.require=true", "tls.cafile=" + certs.location("ca.crt"),
				"tls.certfile=" + certs.location("server.crt"), "tls.keyfile=" + certs.location("server.key"),
				"server.ssl.enabled=false", "server.ssl.bundle=web")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void serverRequiringClientCertificatesWithoutTheirCaStopsStartup() {
		FailureAnalysis analysis = analyzeStartup("tls.certfile=" + certs.location("server.crt"),
				"tls.keyfile=" + certs.location("server.key"), "tls.server.require=true");
		assertThat(analysis.getDescription()).contains("Property: tls.server.require\n")
			.contains("every public CA of the system trust store could vouch for a client");
		assertThat(analysis.getAction()).contains("Set 'cafile'").contains("'castore' to 'system'");
	}

	@Test
	void aContextsOwnRequestIsNamedWhenTheServerInheritsIt() {
		FailureAnalysis analysis = analyzeStartup("tls.contexts.web.certfile=" + certs.location("server.crt"),
				"tls.contexts.web.keyfile=" + certs.location("server.key"), "tls.contexts.web.request=true",
				"tls.server.context=web");
		assertThat(analysis.getDescription()).contains("Property: tls.contexts.web.request\n");
	}

	@Test
	void publicCasForClientCertificatesOnlyWhenAskedFor() {
		this.runner.withPropertyValues("tls.certfile=" + certs.location("server.crt"),
				"tls.keyfile=" + certs.location("server.key"), "tls.castore=system", "tls.server.require=true")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void crlNotSignedByATrustedCa() {
		Path crl = OpenSslCa.create(certs.directory().resolve("stranger-ca"), CertificateAuthority.root("Stranger"))
			.crl(certs.file("stranger.crl"));
		FailureAnalysis analysis = analyzeStartup("tls.cafile=" + certs.location("ca.crt"),
				"tls.crlfile=" + crl);
		assertThat(analysis.getDescription()).contains("Property: tls.crlfile\n", "File: " + crl + "\n",
				"'CN=Stranger' is not signed by a trusted CA");
		assertThat(analysis.getAction()).contains("Trust the CA that issued it");
	}

	private FailureAnalysis analyzeStartup(String... properties) {
		return analyzeStartup(this.runner.withPropertyValues(properties));
	}

	private static FailureAnalysis analyzeStartup(ApplicationContextRunner runner) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		runner.run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new TlsConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).as("analysis").isNotNull();
		return analysis[0];
	}

	/** Issue #13's shape: PEM files at {@code tls.*}, a keystore in a named context, which gets {@code moreOfWeb}. */
	private static String keystoreInANamedContext(String moreOfWeb) {
		return """
				tls:
				  certfile: %s
				  keyfile: %s
				  contexts:
				    web:
				      certfile: %s
				      password: %s
				""".formatted(certs.location("server.crt"), certs.location("server.key"), certs.location("store.p12"),
						PASSWORD)
				+ moreOfWeb;
	}

	/** Properties as an application.yml holds them. */
	private static ApplicationContextInitializer<ConfigurableApplicationContext> yaml(String yaml) {
		return (context) -> {
			try {
				new YamlPropertySourceLoader()
					.load("application.yml", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)))
					.forEach(context.getEnvironment().getPropertySources()::addFirst);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		};
	}

}
