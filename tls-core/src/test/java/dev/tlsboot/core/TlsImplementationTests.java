package dev.tlsboot.core;

import java.util.List;

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

	private TlsContext context(TlsOptions.Builder options, IssuedCertificate certificate) {
		return TlsContext.create("provider", options.build(), new TlsMaterial(
				(certificate != null) ? certificate.keyMaterial() : null, List.of(this.ca.rootCertificate())));
	}

}
