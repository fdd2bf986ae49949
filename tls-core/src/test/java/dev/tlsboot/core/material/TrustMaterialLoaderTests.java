package dev.tlsboot.core.material;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.openssl.CertificateTrustBlock;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Every trust source {@link TrustMaterialLoader} reads, merged, and its errors.
 */
class TrustMaterialLoaderTests {

	private static final Function<String, String> NO_ENV = (name) -> null;

	private static X509Certificate one;

	private static X509Certificate two;

	private static X509Certificate three;

	@TempDir
	Path dir;

	@BeforeAll
	static void roots() {
		one = CertificateAuthority.root("Root One").rootCertificate();
		two = CertificateAuthority.root("Root Two").rootCertificate();
		three = CertificateAuthority.root("Root Three").rootCertificate();
	}

	@Test
	void cafilePemBundle() throws Exception {
		Path bundle = TestMaterial.write(this.dir, "ca.pem", "# my CAs\n" + TestMaterial.pem(one, two));
		assertThat(load(TlsOptions.builder().cafile(bundle.toString()))).containsExactly(one, two);
	}

	@Test
	void cafileDer() throws Exception {
		Path der = TestMaterial.write(this.dir, "ca.der", one.getEncoded());
		assertThat(load(TlsOptions.builder().cafile("file:" + der))).containsExactly(one);
	}

	@Test
	void cafileWithOpensslTrustedCertificates() throws Exception {
		X509TrustedCertificateBlock trusted = new X509TrustedCertificateBlock(new JcaX509CertificateHolder(one),
				new CertificateTrustBlock(Set.of(KeyPurposeId.id_kp_serverAuth.toOID())));
		String pem = TestMaterial.pem(new PemObject("TRUSTED CERTIFICATE", trusted.getEncoded()), two);
		Path bundle = TestMaterial.write(this.dir, "trusted.pem", pem);
		assertThat(load(TlsOptions.builder().cafile(bundle.toString()))).containsExactly(one, two);
	}

	@Test
	void cadirReadsCertificateNamesAndHashedNamesOnce() throws Exception {
		Path cadir = Files.createDirectory(this.dir.resolve("certs"));
		TestMaterial.write(cadir, "one.pem", TestMaterial.pem(one));
		TestMaterial.write(cadir, "two.crt", TestMaterial.pem(two));
		TestMaterial.write(cadir, "three.cer", three.getEncoded());
		TestMaterial.write(cadir, "0a1b2c3d.0", TestMaterial.pem(one));
		TestMaterial.write(cadir, "README.txt", "not a certificate");
		TestMaterial.write(cadir, "0a1b2c3d.r0", "a CRL name, skipped");
		Files.createDirectory(cadir.resolve("sub.pem"));
		assertThat(load(TlsOptions.builder().cadir(cadir.toString()))).containsExactlyInAnyOrder(one, two, three);
	}

	@Test
	void hashedNamesAlone() throws Exception {
		Path cadir = Files.createDirectory(this.dir.resolve("hashed"));
		TestMaterial.write(cadir, "deadbeef.0", TestMaterial.pem(one));
		TestMaterial.write(cadir, "deadbeef.1", TestMaterial.pem(two));
		assertThat(load(TlsOptions.builder().cadir(cadir.toString()))).containsExactlyInAnyOrder(one, two);
	}

	@Test
	void castoreJavaIsTheJdkCacerts() {
		List<X509Certificate> cacerts = load(TlsOptions.builder().castore("java"));
		assertThat(cacerts).hasSizeGreaterThan(10);
	}

	@Test
	void castoreSystemHonoursSslCertFile() throws Exception {
		Path bundle = TestMaterial.write(this.dir, "bundle.pem", TestMaterial.pem(one, two));
		Function<String, String> env = Map.of("SSL_CERT_FILE", bundle.toString())::get;
		assertThat(load(TlsOptions.builder().castore("system"), env)).containsExactly(one, two);
	}

	@Test
	void castoreSystemHonoursSslCertDirList() throws Exception {
		Path first = Files.createDirectory(this.dir.resolve("first"));
		Path second = Files.createDirectory(this.dir.resolve("second"));
		TestMaterial.write(first, "one.pem", TestMaterial.pem(one));
		TestMaterial.write(second, "two.pem", TestMaterial.pem(two));
		Function<String, String> env = Map.of("SSL_CERT_DIR", first + File.pathSeparator + second)::get;
		assertThat(load(TlsOptions.builder().castore("system"), env)).containsExactly(one, two);
	}

	@Test
	void castoreSystemFindsTheDistributionBundle() {
		assumeThat(SystemTrustStore.BUNDLES.stream().anyMatch((bundle) -> Files.isRegularFile(Path.of(bundle))))
			.as("a Linux CA bundle").isTrue();
		assertThat(load(TlsOptions.builder().castore("system"), NO_ENV)).hasSizeGreaterThan(10);
	}

	@Test
	void noTrustOptionsMeansTheSystemStore() throws Exception {
		Path bundle = TestMaterial.write(this.dir, "bundle.pem", TestMaterial.pem(three));
		Function<String, String> env = Map.of("SSL_CERT_FILE", bundle.toString())::get;
		assertThat(TrustMaterialLoader.load(TlsOptions.defaults(), env)).containsExactly(three);
		assertThat(TrustMaterialLoader.load(TlsOptions.defaults())).hasSizeGreaterThan(10);
	}

	@Test
	void castoreKeyStoresWithTrustedAndKeyEntries() throws Exception {
		CertificateAuthority ca = CertificateAuthority.root("Keystore CA");
		IssuedCertificate server = ca.issueServer("localhost");
		Path p12 = TestMaterial.write(this.dir, "trust.p12", TestMaterial.trustStore("PKCS12", "changeit", one));
		Path jks = TestMaterial.write(this.dir, "keys.jks",
				TestMaterial.keyStore("JKS", "changeit", List.of("server"), List.of(server)));
		TlsOptions.Builder options = TlsOptions.builder()
			.castore("file:" + p12, "file:" + jks)
			.password((location) -> location.endsWith(".p12") ? "changeit".toCharArray() : null);
		assertThat(load(options)).containsExactly(one, server.certificate());
	}

	@Test
	void castorePemFileIsABundle() throws Exception {
		Path bundle = TestMaterial.write(this.dir, "bundle.pem", TestMaterial.pem(two));
		assertThat(load(TlsOptions.builder().castore("file:" + bundle))).containsExactly(two);
	}

	@Test
	void everySourceIsMergedWithoutDuplicates() throws Exception {
		Path cafile = TestMaterial.write(this.dir, "ca.pem", TestMaterial.pem(one));
		Path cadir = Files.createDirectory(this.dir.resolve("certs"));
		TestMaterial.write(cadir, "one.pem", TestMaterial.pem(one));
		TestMaterial.write(cadir, "two.pem", TestMaterial.pem(two));
		Path store = TestMaterial.write(this.dir, "trust.p12", TestMaterial.trustStore("PKCS12", "pw", three));
		List<X509Certificate> anchors = load(TlsOptions.builder()
			.cafile(cafile.toString())
			.cadir(cadir.toString())
			.castore("file:" + store, "java")
			.password("pw"));
		assertThat(anchors).startsWith(one, two, three).doesNotHaveDuplicates().hasSizeGreaterThan(13);
		assertThat(Security.getProvider("BC")).isNull();
	}

	@Test
	void missingCafile() {
		String missing = this.dir.resolve("missing.pem").toString();
		assertFails(TlsOptions.builder().cafile(missing), "cafile", missing).withMessageContaining("does not exist");
	}

	@Test
	void cafileWithoutCertificates() throws Exception {
		IssuedCertificate server = CertificateAuthority.root("CA").issueServer("localhost");
		Path key = TestMaterial.write(this.dir, "key.pem", server.privateKeyPem());
		assertFails(TlsOptions.builder().cafile(key.toString()), "cafile", key.toString())
			.withMessageContaining("no certificate in it, found: PRIVATE KEY.")
			.withMessageContaining("Point 'cafile' at PEM certificates");
	}

	@Test
	void missingCadir() {
		String missing = this.dir.resolve("nowhere").toString();
		assertFails(TlsOptions.builder().cadir(missing), "cadir", missing)
			.withMessageContaining("the directory does not exist.")
			.withMessageContaining("Set 'cadir' to a directory of CA certificates");
	}

	@Test
	void cadirWithoutCertificates() throws Exception {
		Path empty = Files.createDirectory(this.dir.resolve("empty"));
		TestMaterial.write(empty, "notes.txt", "nothing here");
		assertFails(TlsOptions.builder().cadir(empty.toString()), "cadir", empty.toString())
			.withMessageContaining("the directory holds no *.pem, *.crt, *.cer or hashed")
			.withMessageContaining("openssl rehash");
	}

	@Test
	void cadirThatIsAFile() throws Exception {
		Path file = TestMaterial.write(this.dir, "ca.pem", TestMaterial.pem(one));
		assertFails(TlsOptions.builder().cadir(file.toString()), "cadir", file.toString())
			.withMessageContaining("it is a file, not a directory.")
			.withMessageContaining("use 'cafile'");
	}

	@Test
	void unknownCastore() {
		assertFails(TlsOptions.builder().castore("windows-root"), "castore", "windows-root")
			.withMessageContaining("this is not a trust store this library knows.")
			.withMessageContaining("Use one of: system, java, file:/path/to/store.p12");
	}

	@Test
	void sslCertFileThatDoesNotExist() {
		String missing = this.dir.resolve("nope.pem").toString();
		Function<String, String> env = Map.of("SSL_CERT_FILE", missing)::get;
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> TrustMaterialLoader.load(TlsOptions.builder().castore("system").build(), env))
			.withMessage("Option 'castore' (" + missing + "): the environment variable SSL_CERT_FILE names a path "
					+ "that does not exist. Fix or unset SSL_CERT_FILE.");
	}

	@Test
	void castoreKeyStoreWithWrongPassword() throws Exception {
		Path store = TestMaterial.write(this.dir, "trust.p12", TestMaterial.trustStore("PKCS12", "right", one));
		assertFails(TlsOptions.builder().castore("file:" + store).password("wrong"), "password", "file:" + store)
			.withMessageContaining("wrong password for the keystore.");
	}

	@Test
	void castoreKeyStoreWithEncryptedCertificatesAndNoPassword() throws Exception {
		Path store = TestMaterial.write(this.dir, "trust.p12", TestMaterial.trustStore("PKCS12", "secret", one));
		assertFails(TlsOptions.builder().castore("file:" + store), "castore", "file:" + store)
			.withMessageContaining("the keystore holds no certificate that can be read without a password.")
			.withMessageContaining("Set 'password'");
	}

	private static List<X509Certificate> load(TlsOptions.Builder options) {
		return load(options, NO_ENV);
	}

	private static List<X509Certificate> load(TlsOptions.Builder options, Function<String, String> env) {
		return TrustMaterialLoader.load(options.build(), env);
	}

	private static org.assertj.core.api.ThrowableAssertAlternative<TlsConfigurationException> assertFails(
			TlsOptions.Builder options, String option, String location) {
		return assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> load(options))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo(option))
			.satisfies((ex) -> assertThat(ex.location()).isEqualTo(location));
	}

}
