package dev.tlsboot.core.material;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.testing.OpenSslCli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Keys, keystores and CA files written by the {@code openssl} command line tool, as users bring them. Skipped when
 * openssl is not installed.
 */
class OpensslInteropTests {

	private static final String PASS = "pass:" + TestMaterial.PASSWORD;

	@TempDir
	Path dir;

	@BeforeEach
	void opensslAvailable() {
		OpenSslCli.assumeAvailable();
	}

	@Test
	void rsaPkcs8FromGenpkey() throws Exception {
		openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "key.pem");
		assertThat(read("key.pem")).contains("BEGIN PRIVATE KEY");
		assertLoads("key.pem", null);
	}

	@Test
	void ed25519FromGenpkey() throws Exception {
		openssl("genpkey", "-algorithm", "ed25519", "-out", "key.pem");
		assertLoads("key.pem", null);
	}

	@Test
	void pkcs8EncryptedWithAes256Pbes2() throws Exception {
		openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem");
		openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "key.pem", "-passout", PASS, "-out", "enc.pem");
		assertThat(read("enc.pem")).contains("BEGIN ENCRYPTED PRIVATE KEY");
		assertLoads("enc.pem", TestMaterial.PASSWORD);
	}

	@Test
	void pkcs8EncryptedWithPbes2AndSha512Prf() throws Exception {
		openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "key.pem");
		openssl("pkcs8", "-topk8", "-v2", "aes-128-cbc", "-v2prf", "hmacWithSHA512", "-in", "key.pem", "-passout",
				PASS, "-out", "enc.pem");
		assertLoads("enc.pem", TestMaterial.PASSWORD);
	}

	@Test
	void pkcs8EncryptedWithOldPkcs12Scheme() throws Exception {
		openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "key.pem");
		openssl("pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES", "-in", "key.pem", "-passout", PASS, "-out", "enc.pem");
		assertLoads("enc.pem", TestMaterial.PASSWORD);
	}

	@Test
	void pkcs8EncryptedWithTripleDesPbes2() throws Exception {
		openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem");
		openssl("pkcs8", "-topk8", "-v2", "des3", "-in", "key.pem", "-passout", PASS, "-out", "enc.pem");
		assertLoads("enc.pem", TestMaterial.PASSWORD);
	}

	@Test
	void pkcs8SchemeTheJdkLacksIsNamed() throws Exception {
		openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem");
		openssl("pkcs8", "-topk8", "-v2", "camellia-256-cbc", "-in", "key.pem", "-passout", PASS, "-out", "enc.pem");
		selfSigned("key.pem");
		String keyfile = this.dir.resolve("enc.pem").toString();
		TlsOptions options = TlsOptions.builder()
			.certfile(this.dir.resolve("cert.pem").toString())
			.keyfile(keyfile)
			.password(TestMaterial.PASSWORD)
			.build();
		assertThatExceptionOfType(TlsConfigurationException.class).isThrownBy(() -> KeyMaterialLoader.load(options))
			.withMessageStartingWith("Option 'keyfile' (" + keyfile + "): the key is encrypted with a scheme this "
					+ "JDK cannot decrypt")
			.withMessageEndingWith("Re-encrypt it: openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY -out NEW_KEY.");
	}

	@Test
	void legacyEncryptedRsaPkcs1() throws Exception {
		openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "key.pem");
		openssl("rsa", "-in", "key.pem", "-traditional", "-aes256", "-passout", PASS, "-out", "legacy.pem");
		assertThat(read("legacy.pem")).contains("BEGIN RSA PRIVATE KEY", "Proc-Type: 4,ENCRYPTED");
		assertLoads("legacy.pem", TestMaterial.PASSWORD);
	}

	@Test
	void ecSec1WithParametersBlockFromEcparam() throws Exception {
		openssl("ecparam", "-genkey", "-name", "secp384r1", "-out", "key.pem");
		assertThat(read("key.pem")).contains("BEGIN EC PARAMETERS", "BEGIN EC PRIVATE KEY");
		assertLoads("key.pem", null);
	}

	@Test
	void legacyEncryptedEcSec1() throws Exception {
		openssl("ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", "key.pem");
		openssl("ec", "-in", "key.pem", "-des3", "-passout", PASS, "-out", "legacy.pem");
		assertThat(read("legacy.pem")).contains("BEGIN EC PRIVATE KEY", "DEK-Info: DES-EDE3-CBC");
		assertLoads("legacy.pem", TestMaterial.PASSWORD);
	}

	@Test
	void pkcs12FromPkcs12Export() throws Exception {
		openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem");
		selfSigned("key.pem");
		openssl("pkcs12", "-export", "-in", "cert.pem", "-inkey", "key.pem", "-name", "server", "-passout", PASS,
				"-out", "server.p12");
		KeyMaterial material = KeyMaterialLoader.load(TlsOptions.builder()
			.certfile(this.dir.resolve("server.p12").toString())
			.password(TestMaterial.PASSWORD)
			.build());
		assertThat(material.leaf()).isEqualTo(certificate("cert.pem"));
		KeyMaterialLoaderTests.assertSameKey(material.privateKey(), reference("key.pem"));
	}

	@Test
	void trustedCertificateFromTrustout() throws Exception {
		openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem");
		selfSigned("key.pem");
		openssl("x509", "-in", "cert.pem", "-trustout", "-addtrust", "serverAuth", "-out", "trusted.pem");
		assertThat(read("trusted.pem")).contains("BEGIN TRUSTED CERTIFICATE");
		TlsOptions options = TlsOptions.builder().cafile(this.dir.resolve("trusted.pem").toString()).build();
		assertThat(TrustMaterialLoader.load(options)).containsExactly(certificate("cert.pem"));
	}

	@Test
	void cadirAfterRehash() throws Exception {
		openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem");
		selfSigned("key.pem");
		Path cadir = Files.createDirectory(this.dir.resolve("certs"));
		Files.copy(this.dir.resolve("cert.pem"), cadir.resolve("ca.pem"));
		openssl("rehash", cadir.toString());
		try (Stream<Path> files = Files.list(cadir)) {
			assertThat(files.map((file) -> file.getFileName().toString())).anyMatch((name) -> name.matches("[0-9a-f]{8}\\.0"));
		}
		TlsOptions options = TlsOptions.builder().cadir(cadir.toString()).build();
		assertThat(TrustMaterialLoader.load(options)).containsExactly(certificate("cert.pem"));
	}

	/** Issue a self-signed certificate for the plain key, load it with {@code keyFile} and compare the keys. */
	private void assertLoads(String keyFile, String password) throws Exception {
		selfSigned("key.pem");
		KeyMaterial material = KeyMaterialLoader.load(TlsOptions.builder()
			.certfile(this.dir.resolve("cert.pem").toString())
			.keyfile(this.dir.resolve(keyFile).toString())
			.password(password)
			.build());
		assertThat(material.leaf()).isEqualTo(certificate("cert.pem"));
		KeyMaterialLoaderTests.assertSameKey(material.privateKey(), reference("key.pem"));
	}

	private void selfSigned(String keyFile) throws Exception {
		openssl("req", "-new", "-x509", "-key", keyFile, "-subj", "/CN=interop", "-days", "2", "-out", "cert.pem");
	}

	/** The key as openssl itself converts it to unencrypted DER PKCS#8, read by the JDK alone. */
	private PrivateKey reference(String keyFile) throws Exception {
		openssl("pkcs8", "-topk8", "-nocrypt", "-in", keyFile, "-outform", "DER", "-out", "reference.der");
		byte[] der = Files.readAllBytes(this.dir.resolve("reference.der"));
		String algorithm = certificate("cert.pem").getPublicKey().getAlgorithm();
		return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
	}

	private X509Certificate certificate(String file) throws Exception {
		byte[] pem = Files.readAllBytes(this.dir.resolve(file));
		return (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(pem));
	}

	private String read(String file) throws Exception {
		return Files.readString(this.dir.resolve(file));
	}

	private void openssl(String... arguments) throws Exception {
		OpenSslCli.openssl(this.dir, arguments).checked();
	}

}
