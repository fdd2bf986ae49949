package dev.tlsboot.core.material;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Security;
import java.security.interfaces.ECPrivateKey;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.pki.KeyType;
import dev.tlsboot.testing.Handshakes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every key format {@link KeyMaterialLoader} reads gives the key of the leaf certificate.
 */
class KeyMaterialLoaderTests {

	private static CertificateAuthority ca;

	@TempDir
	Path dir;

	@BeforeAll
	static void noBouncyCastleProviderBefore() {
		assertThat(Security.getProvider("BC")).isNull();
		ca = CertificateAuthority.root("Test CA");
	}

	@AfterAll
	static void noBouncyCastleProviderAfterLoading() {
		assertThat(Security.getProvider("BC")).as("the BC provider must never be registered").isNull();
	}

	@Test
	void noCertificateMeansNoKeyMaterial() {
		assertThat(KeyMaterialLoader.load(TlsOptions.defaults())).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "EC-256", "EC-384", "RSA-2048", "Ed25519-255" })
	void pkcs8Pem(String keyType) throws Exception {
		IssuedCertificate server = issue(keyType);
		assertLoads(server, options(server.chainPem(), server.privateKeyPem()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "EC-256", "RSA-2048", "Ed25519-255" })
	void encryptedPkcs8WithAes(String keyType) throws Exception {
		IssuedCertificate server = issue(keyType);
		// Written by the JDK's own PBES2 encoder, not TLS Boot's (IssuedCertificate.encryptedPrivateKeyPem)
		String key = TestMaterial.encryptedPkcs8(server.keyPair().getPrivate(), "PBEWithHmacSHA256AndAES_256",
				TestMaterial.PASSWORD);
		assertThat(key).contains("BEGIN ENCRYPTED PRIVATE KEY");
		assertLoads(server, options(server.chainPem(), key).toBuilder().password(TestMaterial.PASSWORD).build());
	}

	@Test
	void pkcs12SchemeEncryptedPkcs8() throws Exception {
		IssuedCertificate server = issue("RSA-2048");
		String key = TestMaterial.encryptedPkcs8(server.keyPair().getPrivate(), "PBEWithSHA1AndDESede",
				TestMaterial.PASSWORD);
		assertLoads(server, options(server.chainPem(), key).toBuilder().password(TestMaterial.PASSWORD).build());
	}

	@Test
	void rsaPkcs1() throws Exception {
		IssuedCertificate server = issue("RSA-2048");
		String key = TestMaterial.pem(TestMaterial.traditional(server.keyPair().getPrivate()));
		assertThat(key).contains("BEGIN RSA PRIVATE KEY");
		assertLoads(server, options(server.chainPem(), key));
	}

	@Test
	void ecSec1() throws Exception {
		IssuedCertificate server = issue("EC-384");
		String key = TestMaterial.pem(TestMaterial.traditional(server.keyPair().getPrivate()));
		assertThat(key).contains("BEGIN EC PRIVATE KEY");
		assertLoads(server, options(server.chainPem(), key));
	}

	@ParameterizedTest
	@ValueSource(strings = { "RSA-2048:AES-256-CBC", "RSA-2048:DES-EDE3-CBC", "EC-256:AES-128-CBC" })
	void legacyEncryptedPem(String typeAndCipher) throws Exception {
		String[] parts = typeAndCipher.split(":");
		IssuedCertificate server = issue(parts[0]);
		String key = TestMaterial.legacyEncrypted(server.keyPair().getPrivate(), parts[1], TestMaterial.PASSWORD);
		assertThat(key).contains("Proc-Type: 4,ENCRYPTED", "DEK-Info: " + parts[1]);
		assertLoads(server, options(server.chainPem(), key).toBuilder().password(TestMaterial.PASSWORD).build());
	}

	@Test
	void derCertificateAndDerPkcs8Key() throws Exception {
		IssuedCertificate server = issue("EC-256");
		TestMaterial.write(this.dir, "server.der", server.certificate().getEncoded());
		TestMaterial.write(this.dir, "server.key.der", server.keyPair().getPrivate().getEncoded());
		assertLoads(server, TlsOptions.builder()
			.certfile(this.dir.resolve("server.der").toString())
			.keyfile("file:" + this.dir.resolve("server.key.der"))
			.build());
	}

	@Test
	void chainAndKeyInOneFile() throws Exception {
		IssuedCertificate server = issue("RSA-2048");
		TestMaterial.write(this.dir, "all.pem", server.chainPem() + server.privateKeyPem());
		assertLoads(server, TlsOptions.builder().certfile(this.dir.resolve("all.pem").toString()).build());
	}

	@Test
	void derBytes() throws Exception {
		IssuedCertificate server = issue("EC-256");
		assertLoads(server, TlsOptions.builder()
			.cert(encoded(server))
			.key(server.keyPair().getPrivate().getEncoded())
			.build());
	}

	@Test
	void chainOutOfOrderIsPutInIssuerOrder() throws Exception {
		CertificateAuthority intermediate = ca.intermediate("Test Intermediate");
		IssuedCertificate server = intermediate.issueServer("localhost");
		String shuffled = TestMaterial.pem(ca.rootCertificate(), intermediate.certificate(), server.certificate());
		KeyMaterial material = KeyMaterialLoader.load(options(shuffled, server.privateKeyPem()));
		assertThat(material.chain()).containsExactly(server.certificate(), intermediate.certificate(),
				ca.rootCertificate());
	}

	@ParameterizedTest
	@ValueSource(strings = { "PKCS12:server.p12", "PKCS12:server.pfx", "JKS:server.jks", "PKCS12:no-extension" })
	void keyStoreWithOneKeyNeedsNoAlias(String typeAndName) throws Exception {
		String[] parts = typeAndName.split(":");
		IssuedCertificate server = issue("EC-256");
		byte[] store = TestMaterial.keyStore(parts[0], TestMaterial.PASSWORD, List.of("server"), List.of(server));
		Path file = TestMaterial.write(this.dir, parts[1], store);
		assertLoads(server, TlsOptions.builder().certfile(file.toString()).password(TestMaterial.PASSWORD).build());
	}

	@Test
	void secretKeyEntriesAreNotCandidates() throws Exception {
		IssuedCertificate server = issue("EC-256");
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(new ByteArrayInputStream(server.pkcs12("server", TestMaterial.PASSWORD.toCharArray())),
				TestMaterial.PASSWORD.toCharArray());
		KeyStore.ProtectionParameter protection = new KeyStore.PasswordProtection(TestMaterial.PASSWORD.toCharArray());
		store.setEntry("a-secret", new KeyStore.SecretKeyEntry(new SecretKeySpec(new byte[16], "AES")), protection);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		store.store(out, TestMaterial.PASSWORD.toCharArray());
		Path file = TestMaterial.write(this.dir, "mixed.p12", out.toByteArray());
		assertLoads(server, TlsOptions.builder().certfile(file.toString()).password(TestMaterial.PASSWORD).build());
	}

	@ParameterizedTest
	@ValueSource(strings = { "second", "SECOND", "second.example" })
	void keyStoreEntryChosenByAliasOrCommonName(String keyalias) throws Exception {
		IssuedCertificate first = ca.issueServer("first.example");
		IssuedCertificate second = ca.issueServer("second.example");
		byte[] store = TestMaterial.keyStore("PKCS12", TestMaterial.PASSWORD, List.of("first", "second"),
				List.of(first, second));
		Path file = TestMaterial.write(this.dir, "both.p12", store);
		assertLoads(second, TlsOptions.builder()
			.certfile(file.toString())
			.password(TestMaterial.PASSWORD)
			.keyalias(keyalias)
			.build());
	}

	private TlsOptions options(String certPem, String keyPem) throws Exception {
		Path cert = TestMaterial.write(this.dir, "cert.pem", certPem);
		Path key = TestMaterial.write(this.dir, "key.pem", keyPem);
		return TlsOptions.builder().certfile(cert.toString()).keyfile(key.toString()).build();
	}

	/** Loads, and serves a real handshake to a client that trusts the CA. */
	private static void assertLoads(IssuedCertificate expected, TlsOptions options) throws Exception {
		KeyMaterial material = KeyMaterialLoader.load(options);
		assertSameKey(material.privateKey(), expected.keyPair().getPrivate());
		assertThat(material.chain()).containsExactlyElementsOf(expected.chain());
		assertThat(material.leaf().getPublicKey()).isEqualTo(expected.keyPair().getPublic());
		TlsContext server = TlsContext.create("server", TlsOptions.builder().securityLevel(0).build(),
				new TlsMaterial(material, List.of()));
		// The certificates here name their CN as their one DNS name; the client asks for it by SNI.
		String name = expected.certificate().getSubjectX500Principal().getName().substring("CN=".length());
		TlsContext client = TlsContext.create("client",
				TlsOptions.builder().securityLevel(0).servername(name).build(),
				new TlsMaterial(null, List.of(ca.rootCertificate())));
		assertThat(Handshakes.serverCertificateSeenBy(client, server)).isEqualTo(expected.certificate());
	}

	/** The same key; SEC1 keys may carry their curve twice, so EC keys are compared by value. */
	static void assertSameKey(PrivateKey actual, PrivateKey expected) {
		if (expected instanceof ECPrivateKey ec) {
			assertThat(actual).isInstanceOfSatisfying(ECPrivateKey.class, (key) -> {
				assertThat(key.getS()).isEqualTo(ec.getS());
				assertThat(key.getParams().getOrder()).isEqualTo(ec.getParams().getOrder());
			});
		}
		else {
			assertThat(actual.getEncoded()).isEqualTo(expected.getEncoded());
		}
	}

	static IssuedCertificate issue(String keyType) {
		String[] parts = keyType.split("-");
		return ca.issue()
			.commonName("localhost")
			.subjectAltNames("localhost")
			.keyType(new KeyType(parts[0], Integer.parseInt(parts[1])))
			.serverAuth()
			.build();
	}

	private static byte[] encoded(IssuedCertificate issued) {
		try {
			return issued.certificate().getEncoded();
		}
		catch (java.security.cert.CertificateEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
