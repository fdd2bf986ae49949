package dev.tlsboot.core;

import java.security.cert.CertificateEncodingException;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A server that asks for client certificates says whose: the public CAs of the system store only on purpose. */
class ClientCertificateTrustTests {

	private static final CertificateAuthority ca = CertificateAuthority.root("Client Trust Test CA");

	private static final IssuedCertificate server = ca.issueServer("localhost");

	@Test
	void aServerRequiringClientCertificatesWithoutTheirCaIsRefused() {
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> TlsContext.create(TlsOptions.builder().server(true).require(true).cert(der()).key(key())
				.build()))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("require"))
			.withMessageContaining("every public CA of the system trust store could vouch for a client")
			.withMessageContaining("Set 'cafile'");
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> TlsContext.create(TlsOptions.builder().server(true).request(true).cert(der()).key(key())
				.build()))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("request"));
	}

	@Test
	void thePublicCasOnlyWhenNamed() {
		TlsContext context = TlsContext
			.create(TlsOptions.builder().server(true).require(true).castore("system").cert(der()).key(key()).build());
		assertThat(context.trustAnchors()).hasSizeGreaterThan(1);
	}

	@Test
	void trustHandedInAsMaterialIsTheCallersChoice() {
		TlsContext context = TlsContext.create("api", TlsOptions.builder().server(true).require(true).build(),
				new TlsMaterial(server.keyMaterial(), List.of(ca.rootCertificate())));
		assertThat(context.trustAnchors()).containsExactly(ca.rootCertificate());
	}

	@Test
	void aClientKeepsTheSystemStoreByDefault() {
		assertThat(TlsContext.create(TlsOptions.builder().require(true).build()).trustAnchors()).hasSizeGreaterThan(1);
	}

	private static byte[] der() {
		try {
			return server.certificate().getEncoded();
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] key() {
		return server.keyMaterial().privateKey().getEncoded();
	}

}
