package dev.tlsboot.core.material;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every way key material can be wrong gives an error that names the option, the file and what to do.
 */
class KeyMaterialLoaderErrorTests {

	private static CertificateAuthority ca;

	private static IssuedCertificate server;

	@TempDir
	Path dir;

	@BeforeAll
	static void issue() {
		ca = CertificateAuthority.root("Test CA");
		server = ca.issueServer("localhost");
	}

	@Test
	void missingCertfile() {
		String missing = this.dir.resolve("missing.pem").toString();
		assertFails(TlsOptions.builder().certfile(missing).build(), "certfile", missing)
			.withMessageContaining("the file does not exist.")
			.withMessageContaining("Check the path");
	}

	@Test
	void missingKeyfile() throws Exception {
		Path cert = TestMaterial.write(this.dir, "cert.pem", server.chainPem());
		String missing = this.dir.resolve("missing.key").toString();
		assertFails(TlsOptions.builder().certfile(cert.toString()).keyfile(missing).build(), "keyfile", missing)
			.withMessageContaining("the file does not exist.");
	}

	@Test
	void wrongPasswordForPkcs8() throws Exception {
		String key = server.encryptedPrivateKeyPem(TestMaterial.PASSWORD.toCharArray());
		assertFails(options(server.chainPem(), key).toBuilder().password("wrong").build(), "password", keyFile())
			.withMessageContaining("wrong password for the key.")
			.withMessageContaining("Check 'password'");
	}

	@Test
	void wrongPasswordForLegacyPem() throws Exception {
		String key = TestMaterial.legacyEncrypted(server.keyPair().getPrivate(), "AES-256-CBC", TestMaterial.PASSWORD);
		assertFails(options(server.chainPem(), key).toBuilder().password("wrong").build(), "password", keyFile())
			.withMessageContaining("wrong password for the key.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "PKCS12:server.p12", "JKS:server.jks" })
	void wrongPasswordForKeyStore(String typeAndName) throws Exception {
		String[] parts = typeAndName.split(":");
		Path store = TestMaterial.write(this.dir, parts[1],
				TestMaterial.keyStore(parts[0], TestMaterial.PASSWORD, List.of("server"), List.of(server)));
		assertFails(TlsOptions.builder().certfile(store.toString()).password("wrong").build(), "password",
				store.toString())
			.withMessageContaining("wrong password for the keystore.");
	}

	@Test
	void encryptedKeyWithoutPassword() throws Exception {
		String key = server.encryptedPrivateKeyPem(TestMaterial.PASSWORD.toCharArray());
		assertFails(options(server.chainPem(), key), "password", keyFile())
			.withMessageContaining("the key is encrypted and no password was given.")
			.withMessageContaining("Set 'password'");
	}

	@Test
	void keyStoreWithoutPassword() throws Exception {
		Path store = TestMaterial.write(this.dir, "server.p12",
				server.pkcs12("server", TestMaterial.PASSWORD.toCharArray()));
		assertFails(TlsOptions.builder().certfile(store.toString()).build(), "password", store.toString())
			.withMessageContaining("no password was given.")
			.withMessageContaining("Set 'password'");
	}

	@Test
	void keyOfAnotherCertificate() throws Exception {
		IssuedCertificate other = ca.issueServer("other");
		assertFails(options(server.chainPem(), other.privateKeyPem()), "keyfile", keyFile())
			.withMessageContaining("does not belong to the certificate in 'certfile' (CN=localhost)")
			.withMessageContaining("openssl x509 -noout -pubkey -in CERT | openssl md5")
			.withMessageContaining("openssl pkey -pubout -in KEY | openssl md5");
	}

	@Test
	void certfileHoldingOnlyAKey() throws Exception {
		String sec1 = TestMaterial.pem(TestMaterial.traditional(server.keyPair().getPrivate()));
		assertFails(options(sec1, server.privateKeyPem()), "certfile", certFile())
			.withMessageContaining("no certificate in it, found: EC PRIVATE KEY.")
			.withMessageContaining("Point 'certfile' at PEM certificates");
	}

	@Test
	void keyfileHoldingOnlyACertificate() throws Exception {
		assertFails(options(server.chainPem(), server.certificatePem()), "keyfile", keyFile())
			.withMessageContaining("no private key in it, found: CERTIFICATE.")
			.withMessageContaining("Point 'keyfile' at the PEM private key");
	}

	@Test
	void certfileWithoutKeyAndNoKeyfile() throws Exception {
		Path cert = TestMaterial.write(this.dir, "cert.pem", server.chainPem());
		assertFails(TlsOptions.builder().certfile(cert.toString()).build(), "keyfile", cert.toString())
			.withMessageContaining("no private key in it, found: CERTIFICATE.");
	}

	@Test
	void garbageCertfile() throws Exception {
		Path cert = TestMaterial.write(this.dir, "cert.pem", "this is not a certificate\n");
		assertFails(TlsOptions.builder().certfile(cert.toString()).build(), "certfile", cert.toString())
			.withMessageContaining("no PEM or DER certificate file, and no PKCS#12 or JKS keystore either");
	}

	@Test
	void emptyCertfile() throws Exception {
		Path cert = TestMaterial.write(this.dir, "cert.pem", "");
		assertFails(TlsOptions.builder().certfile(cert.toString()).build(), "certfile", cert.toString())
			.withMessageContaining("the file is empty.");
	}

	@Test
	void garbageKeyfile() throws Exception {
		assertFails(options(server.chainPem(), "not a key\n"), "keyfile", keyFile())
			.withMessageContaining("neither PEM (no BEGIN line) nor a DER PKCS#8 private key.")
			.withMessageContaining("openssl pkcs8 -topk8");
	}

	@Test
	void damagedPemBlock() throws Exception {
		String damaged = server.chainPem().replaceFirst("(?m)^[A-Za-z0-9+/]{64}$", "#not base64#");
		assertFails(options(damaged, server.privateKeyPem()), "certfile", certFile())
			.withMessageContaining("a PEM block in it cannot be read (malformed PEM data")
			.withMessageContaining("Check that the file is complete and not damaged");
	}

	@Test
	void certificateBlockHoldingSomethingElse() throws Exception {
		String mislabelled = server.privateKeyPem().replace("PRIVATE KEY", "CERTIFICATE");
		assertFails(options(mislabelled, server.privateKeyPem()), "certfile", certFile())
			.withMessageContaining("its CERTIFICATE block cannot be read");
	}

	@Test
	void keyaliasThatDoesNotExistListsTheAliases() throws Exception {
		IssuedCertificate second = ca.issueServer("second.example");
		Path store = TestMaterial.write(this.dir, "both.p12", TestMaterial.keyStore("PKCS12", TestMaterial.PASSWORD,
				List.of("first", "second"), List.of(server, second)));
		TlsOptions options = TlsOptions.builder()
			.certfile(store.toString())
			.password(TestMaterial.PASSWORD)
			.keyalias("third")
			.build();
		assertFails(options, "keyalias", store.toString())
			.withMessageContaining("no key entry has the alias or CN 'third'; it has: first (CN=localhost), "
					+ "second (CN=second.example).")
			.withMessageContaining("Set 'keyalias' to one of these");
	}

	@Test
	void keyStoreWithSeveralKeysNeedsAKeyalias() throws Exception {
		IssuedCertificate second = ca.issueServer("second.example");
		Path store = TestMaterial.write(this.dir, "both.jks", TestMaterial.keyStore("JKS", TestMaterial.PASSWORD,
				List.of("first", "second"), List.of(server, second)));
		assertFails(TlsOptions.builder().certfile(store.toString()).password(TestMaterial.PASSWORD).build(),
				"keyalias", store.toString())
			.withMessageContaining("the keystore holds 2 key entries; it has: first (CN=localhost), "
					+ "second (CN=second.example).");
	}

	@Test
	void keyStoreWithoutKeys() throws Exception {
		Path store = TestMaterial.write(this.dir, "trust.p12",
				TestMaterial.trustStore("PKCS12", TestMaterial.PASSWORD, ca.rootCertificate()));
		assertFails(TlsOptions.builder().certfile(store.toString()).password(TestMaterial.PASSWORD).build(),
				"certfile", store.toString())
			.withMessageContaining("the keystore holds no private key entry.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "PKCS12:PKCS#12", "JKS:JKS" })
	void keyStoreKnownByItsContentConflictsWithAKeyfile(String typeAndName) throws Exception {
		String[] parts = typeAndName.split(":");
		// A name that says nothing: the content tells
		Path store = TestMaterial.write(this.dir, "server.bin",
				TestMaterial.keyStore(parts[0], TestMaterial.PASSWORD, List.of("server"), List.of(server)));
		Path key = TestMaterial.write(this.dir, "server.key", server.privateKeyPem());
		TlsOptions options = TlsOptions.builder()
			.certfile(store.toString())
			.keyfile(key.toString())
			.password(TestMaterial.PASSWORD)
			.build();
		assertThatExceptionOfType(TlsConfigurationException.class).isThrownBy(() -> KeyMaterialLoader.load(options))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("keyfile"))
			.satisfies((ex) -> assertThat(ex.conflictingOption()).isEqualTo("certfile"))
			.satisfies((ex) -> assertThat(ex.conflictingLocation()).isEqualTo(store.toString()))
			.withMessageStartingWith("Option 'keyfile' (" + key + ") conflicts with 'certfile' (" + store + "): "
					+ "'certfile' is a " + parts[1] + " keystore, which holds the key and its chain, and 'keyfile' "
					+ "names a key as well.")
			.withMessageContaining("Leave 'keyfile' unset where 'certfile' is a keystore");
	}

	@Test
	void garbageCertfileWithAKeyfileIsNoKeystore() throws Exception {
		Path cert = TestMaterial.write(this.dir, "cert.crt", new byte[] { 0x30, 0x03, 0x02, 0x01, 0x07 });
		Path key = TestMaterial.write(this.dir, "server.key", server.privateKeyPem());
		assertFails(TlsOptions.builder().certfile(cert.toString()).keyfile(key.toString()).build(), "certfile",
				cert.toString())
			.withMessageContaining("it is neither PEM (no BEGIN line) nor a DER certificate.");
	}

	@Test
	void derCertificateWithoutKeyfile() throws Exception {
		Path cert = TestMaterial.write(this.dir, "cert.der", server.certificate().getEncoded());
		assertFails(TlsOptions.builder().certfile(cert.toString()).build(), "keyfile", null)
			.withMessageContaining("'certfile' is a DER certificate, which holds no key.")
			.withMessageContaining(cert.toString());
	}

	@Test
	void mismatchedDerBytes() throws Exception {
		IssuedCertificate other = ca.issueServer("other");
		TlsOptions options = TlsOptions.builder()
			.cert(server.certificate().getEncoded())
			.key(other.keyPair().getPrivate().getEncoded())
			.build();
		assertFails(options, "key", null).withMessageContaining("does not belong to the certificate in 'cert'");
	}

	private TlsOptions options(String certPem, String keyPem) throws Exception {
		TestMaterial.write(this.dir, "cert.pem", certPem);
		TestMaterial.write(this.dir, "key.pem", keyPem);
		return TlsOptions.builder().certfile(certFile()).keyfile(keyFile()).build();
	}

	private String certFile() {
		return this.dir.resolve("cert.pem").toString();
	}

	private String keyFile() {
		return this.dir.resolve("key.pem").toString();
	}

	static org.assertj.core.api.ThrowableAssertAlternative<TlsConfigurationException> assertFails(TlsOptions options,
			String option, String location) {
		return assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> KeyMaterialLoader.load(options))
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(ex.option()).isEqualTo(option))
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(ex.location()).isEqualTo(location))
			.withMessageStartingWith("Option '" + option + "'" + ((location != null) ? " (" + location + ")" : ""));
	}

}
