package dev.tlsboot.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.conscrypt.Conscrypt;
import org.junit.jupiter.api.Test;

import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The {@code provider} and {@code groups} options: what is chosen, what is refused and why. */
class TlsImplementationTests {

	private final CertificateAuthority ca = CertificateAuthority.root("Provider CA");

	private final IssuedCertificate localhost = this.ca.issueServer("localhost");

	@Test
	void unknownGroupFailsNamingTheOption() {
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> TlsOptions.builder().groups("X25519:P-999").build())
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("groups"))
			.withMessageContaining("P-999");
	}

	@Test
	void groupsTakeOpenSslNamesAndAliases() {
		assertThat(TlsOptions.builder().groups("x25519:prime256v1:secp384r1").build().groups())
			.containsExactly("X25519", "P-256", "P-384");
	}

	@Test
	void jdkBefore20RefusesGroupsPointingToTheProcessWideProperty() {
		assumeTrue(!TlsParameters.NAMED_GROUPS_API, "this JDK sets groups per socket");
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> context(TlsOptions.builder().groups("X25519"), null))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("groups"))
			.withMessageContaining("-Djdk.tls.namedGroups=x25519");
	}

	@Test
	void conscryptContextSaysSoAndNegotiatesTheGroupsAsked() throws Exception {
		assumeTrue(TlsImplementation.CONSCRYPT.isAvailable(), TlsImplementation::conscryptUnavailability);
		TlsOptions.Builder x25519 = TlsOptions.builder().provider(TlsImplementation.AUTO).groups("X25519");
		TlsContext server = context(x25519, this.localhost);
		assertThat(server.provider()).isEqualTo(TlsImplementation.CONSCRYPT);
		assertThat(server.providerVersion()).startsWith("Conscrypt 2.");
		assertThat(server.groups()).containsExactly("x25519");
		try (LoopbackTlsServer loopback = LoopbackTlsServer.start(server);
				SSLSocket socket = TlsContext.builder(x25519.build())
					.material(new TlsMaterial(null, List.of(this.ca.rootCertificate())))
					// unobserved: Conscrypt answers only for its own socket
					.registry(ConnectionRegistry.disabled()).build().connect("localhost", loopback.port())) {
			assertThat(Conscrypt.getGroupName(socket)).isEqualTo("X25519");
		}
	}

	@Test
	void conscryptRefusesFewerTls13SuitesAndAutoFallsBackToTheJdk() {
		assumeTrue(TlsImplementation.CONSCRYPT.isAvailable(), TlsImplementation::conscryptUnavailability);
		TlsOptions.Builder aes256 = TlsOptions.builder().ciphersuites("TLS_AES_256_GCM_SHA384");
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> context(aes256.provider(TlsImplementation.CONSCRYPT), null))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("ciphersuites"));
		assertThat(context(aes256.provider(TlsImplementation.AUTO), null).provider()).isEqualTo(TlsImplementation.JDK);
	}

	@Test
	void aGroupTheJdkLacksIsLeftOutWithAWarningNamingIt() throws Exception {
		String lacking = hybridGroupTheJdkLacks();
		TlsOptions.Builder hybridFirst = TlsOptions.builder().groups(lacking + ":X25519");
		List<String> warnings = new CopyOnWriteArrayList<>();
		TlsContext server = withWarnings(warnings, () -> context(hybridFirst, this.localhost));
		assertThat(server.groups()).containsExactly("x25519");
		assertThat(warnings).singleElement()
			.asString()
			.contains("'groups'", lacking, "JDK " + Runtime.version().feature());
		assumeTrue(TlsImplementation.CONSCRYPT.isAvailable(), TlsImplementation::conscryptUnavailability);
		try (LoopbackTlsServer loopback = LoopbackTlsServer.start(server);
				SSLSocket socket = TlsContext.builder(hybridFirst.provider(TlsImplementation.CONSCRYPT).build())
					.material(new TlsMaterial(null, List.of(this.ca.rootCertificate())))
					.registry(ConnectionRegistry.disabled()).build().connect("localhost", loopback.port())) {
			assertThat(Conscrypt.getGroupName(socket)).as("what a client offering %s first gets", lacking)
				.isEqualTo("X25519");
		}
	}

	@Test
	void theDefaultGroupsOnTheJdkAreThoseItImplementsWithoutAWarning() throws Exception {
		assumeTrue(TlsParameters.NAMED_GROUPS_API, "JDK 17 takes no groups per context");
		List<String> warnings = new CopyOnWriteArrayList<>();
		assertThat(withWarnings(warnings, () -> context(TlsOptions.builder(), null)).groups()).isNotEmpty()
			.allSatisfy((group) -> assertThat(jdkNamedGroups()).anyMatch(group::equalsIgnoreCase));
		assertThat(warnings).isEmpty();
	}

	@Test
	void onlyGroupsTheJdkLacksAreRefused() throws Exception {
		String lacking = hybridGroupTheJdkLacks();
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> context(TlsOptions.builder().groups(lacking), null))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("groups"))
			.withMessageContaining(lacking);
	}

	/** A post-quantum hybrid group this JDK's TLS does not implement, by its own list (JDK 25 has none). */
	private static String hybridGroupTheJdkLacks() throws Exception {
		assumeTrue(TlsParameters.NAMED_GROUPS_API, "JDK 17 takes no groups per context (refused above)");
		List<String> supported = jdkNamedGroups();
		String lacking = Stream.of("X25519MLKEM768", "SecP256r1MLKEM768", "SecP384r1MLKEM1024")
			.filter((group) -> supported.stream().noneMatch(group::equalsIgnoreCase))
			.findFirst()
			.orElse(null);
		assumeTrue(lacking != null, "this JDK implements every hybrid group");
		return lacking;
	}

	/** The JDK's own list, asked without TLS Boot (JDK 20's API, called by name to compile for 17). */
	private static List<String> jdkNamedGroups() throws Exception {
		SSLParameters supported = SSLContext.getDefault().getSupportedSSLParameters();
		return List.of((String[]) SSLParameters.class.getMethod("getNamedGroups").invoke(supported));
	}

	/** Run {@code action}, adding the warnings of TlsContext's logger to {@code warnings}. */
	private static <T> T withWarnings(List<String> warnings, Supplier<T> action) {
		Logger logger = Logger.getLogger(TlsContext.class.getName());
		Handler handler = new Handler() {

			@Override
			public void publish(LogRecord record) {
				if (record.getLevel() == Level.WARNING) {
					warnings.add(record.getMessage());
				}
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

		};
		logger.addHandler(handler);
		try {
			return action.get();
		}
		finally {
			logger.removeHandler(handler);
		}
	}

	private TlsContext context(TlsOptions.Builder options, IssuedCertificate certificate) {
		return TlsContext.create("provider", options.build(), new TlsMaterial(
				(certificate != null) ? certificate.keyMaterial() : null, List.of(this.ca.rootCertificate())));
	}

}
