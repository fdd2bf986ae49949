package dev.tlsboot.pki;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tlsboot.testing.OpenSslCli;
import dev.tlsboot.testing.OpenSslCli.Result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What this package writes, read by other tools: {@code openssl verify}, {@code openssl pkey}, {@code openssl req},
 * {@code keytool} and the JDK's PKCS#12 keystore. Tests that need a tool skip visibly when it is missing.
 */
class InteropTests {

	private static final String PASSWORD = "s3cret";

	private static final CertificateAuthority ROOT = CertificateAuthority.root("Interop Root");

	private static final CertificateAuthority ISSUING = ROOT.intermediate("Interop Issuing CA");

	@TempDir
	Path dir;

	@BeforeEach
	void writeRoot() throws Exception {
		write("root.pem", ROOT.rootCertificatePem());
		write("inter.pem", ISSUING.asIssuedCertificate().certificatePem());
	}

	@ParameterizedTest
	@MethodSource("dev.tlsboot.pki.TestRoots#keyTypes")
	void opensslVerifiesCertificatesSignedByAndIssuedForEachKeyType(KeyType keyType) throws Exception {
		OpenSslCli.assumeAvailable();
		CertificateAuthority typedRoot = TestRoots.of(keyType);
		write("typed-root.pem", typedRoot.rootCertificatePem());
		write("signed-by-type.pem", typedRoot.issueServer("localhost").certificatePem());
		// The typed root's key pair stands in for a leaf key: the slow RSA keys are generated once.
		IssuedCertificate leaf = ROOT.issue().keyPair(typedRoot.keyPair()).serverAuth().build();
		write("leaf-of-type.pem", leaf.certificatePem());
		assertVerified("-CAfile", "typed-root.pem", "-purpose", "sslserver", "signed-by-type.pem");
		assertVerified("-CAfile", "root.pem", "-purpose", "sslserver", "leaf-of-type.pem");
	}

	@Test
	void opensslVerifiesChainsThroughAnIntermediateForEachPurpose() throws Exception {
		OpenSslCli.assumeAvailable();
		write("server.pem", ISSUING.issueServer("localhost", "127.0.0.1", "::1").certificatePem());
		write("client.pem", ISSUING.issueClient("alice", "alice@example.com").certificatePem());
		assertVerified("-CAfile", "root.pem", "-untrusted", "inter.pem", "-purpose", "sslserver", "server.pem");
		assertVerified("-CAfile", "root.pem", "-untrusted", "inter.pem", "-purpose", "sslclient", "client.pem");
		Result wrongPurpose = openssl("verify", "-CAfile", "root.pem", "-untrusted", "inter.pem", "-purpose",
				"sslserver", "client.pem");
		assertThat(wrongPurpose.exitCode()).as(wrongPurpose.output()).isNotZero();
	}

	@Test
	void opensslVerifiesSignedRequestsBothWays() throws Exception {
		OpenSslCli.assumeAvailable();
		write("ours.csr", CertificateRequests.create(KeyType.EC_P256.generate(), "ours", "ours.example"));
		Result request = openssl("req", "-in", "ours.csr", "-verify", "-noout");
		assertThat(request.exitCode()).as(request.output()).isZero();
		Result created = openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
				"-nodes", "-keyout", "theirs.key", "-subj", "/CN=theirs", "-addext",
				"subjectAltName=DNS:theirs.example,IP:192.0.2.1", "-out", "theirs.csr");
		assertThat(created.exitCode()).as(created.output()).isZero();
		SignedCertificate signed = ISSUING.issue().clientAuth().signRequest(read("theirs.csr"));
		assertThat(signed.certificate().getSubjectAlternativeNames()).containsExactly(List.of(2, "theirs.example"),
				List.of(7, "192.0.2.1"));
		write("theirs.pem", signed.certificatePem());
		assertVerified("-CAfile", "root.pem", "-untrusted", "inter.pem", "-purpose", "sslclient", "theirs.pem");
	}

	@ParameterizedTest
	@MethodSource("dev.tlsboot.pki.TestRoots#keyTypes")
	void opensslReadsEncryptedPrivateKeys(KeyType keyType) throws Exception {
		OpenSslCli.assumeAvailable();
		IssuedCertificate credentials = TestRoots.of(keyType).asIssuedCertificate();
		write("key.pem", credentials.encryptedPrivateKeyPem(PASSWORD.toCharArray()));
		Result key = openssl("pkey", "-in", "key.pem", "-passin", "pass:" + PASSWORD, "-pubout");
		assertThat(key.exitCode()).as(key.output()).isZero();
		assertThat(key.output().replaceAll("\\s", "")).contains(
				Base64.getEncoder().encodeToString(credentials.keyPair().getPublic().getEncoded()));
		assertThat(openssl("pkey", "-in", "key.pem", "-passin", "pass:wrong", "-noout").exitCode()).isNotZero();
		Result scheme = openssl("asn1parse", "-in", "key.pem");
		assertThat(scheme.output()).contains("PBES2", "PBKDF2", "hmacWithSHA256", "aes-256-cbc");
	}

	@Test
	void loadsKeysEncryptedByOpenssl() throws Exception {
		OpenSslCli.assumeAvailable();
		IssuedCertificate credentials = ROOT.asIssuedCertificate();
		write("plain.key", credentials.privateKeyPem());
		for (String[] scheme : List.of(new String[] { "aes-256-cbc", "hmacWithSHA512" },
				new String[] { "aes-128-cbc", "hmacWithSHA1" })) {
			Result encrypted = openssl("pkcs8", "-topk8", "-in", "plain.key", "-v2", scheme[0], "-v2prf",
					scheme[1], "-passout", "pass:" + PASSWORD, "-out", "openssl.key");
			assertThat(encrypted.exitCode()).as(encrypted.output()).isZero();
			CertificateAuthority loaded = CertificateAuthority.load(credentials.chainPem(), read("openssl.key"),
					PASSWORD.toCharArray());
			assertThat(loaded.keyPair().getPrivate()).isEqualTo(ROOT.keyPair().getPrivate());
		}
		Result legacy = openssl("ec", "-in", "plain.key", "-aes256", "-passout", "pass:" + PASSWORD, "-out",
				"legacy.key");
		assertThat(legacy.exitCode()).as(legacy.output()).isZero();
		// OpenSSL's legacy PEM encryption is read too; the SEC1 form encodes the same key differently
		PrivateKey legacyKey = CertificateAuthority.load(credentials.chainPem(), read("legacy.key"),
				PASSWORD.toCharArray()).keyPair().getPrivate();
		assertThat(((ECPrivateKey) legacyKey).getS()).isEqualTo(((ECPrivateKey) ROOT.keyPair().getPrivate()).getS());
	}

	@Test
	void keytoolListsPkcs12AndPrintsCertificates() throws Exception {
		OpenSslCli.assumeKeytool();
		IssuedCertificate server = ISSUING.issueServer("localhost");
		Files.write(this.dir.resolve("server.p12"), server.pkcs12("server", PASSWORD.toCharArray()));
		Files.write(this.dir.resolve("ca.p12"), ISSUING.asIssuedCertificate().pkcs12("ca", PASSWORD.toCharArray()));
		write("server.crt", server.certificatePem());
		for (String store : List.of("server", "ca")) {
			Result list = OpenSslCli.keytool(this.dir, "-list", "-keystore", store + ".p12",
					"-storetype", "PKCS12", "-storepass", PASSWORD);
			assertThat(list.exitCode()).as(list.output()).isZero();
			assertThat(list.output()).contains(store + ",", "PrivateKeyEntry");
		}
		Result print = OpenSslCli.keytool(this.dir, "-printcert", "-file", "server.crt");
		assertThat(print.exitCode()).as(print.output()).isZero();
		assertThat(print.output()).contains("Owner: CN=localhost", "Issuer: CN=Interop Issuing CA");
	}

	@Test
	void opensslReadsPkcs12() throws Exception {
		OpenSslCli.assumeAvailable();
		Files.write(this.dir.resolve("server.p12"),
				ISSUING.issueServer("localhost").pkcs12("server", PASSWORD.toCharArray()));
		Result info = openssl("pkcs12", "-in", "server.p12", "-passin", "pass:" + PASSWORD, "-nodes");
		assertThat(info.exitCode()).as(info.output()).isZero();
		assertThat(info.output()).contains("BEGIN PRIVATE KEY", "subject=CN = localhost",
				"subject=CN = Interop Issuing CA");
	}

	@Test
	void jdkLoadsPkcs12WithKeyAndChain() throws Exception {
		IssuedCertificate server = ISSUING.issueServer("localhost");
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(new ByteArrayInputStream(server.pkcs12("web", PASSWORD.toCharArray())), PASSWORD.toCharArray());
		assertThat(store.getKey("web", PASSWORD.toCharArray())).isEqualTo(server.keyPair().getPrivate());
		assertThat(List.<Certificate>of(store.getCertificateChain("web"))).containsExactlyElementsOf(server.chain());
	}

	@Test
	void writeToCreatesCertificateAndOwnerOnlyKey() throws Exception {
		IssuedCertificate server = ISSUING.issueServer("localhost");
		Path target = this.dir.resolve("tls");
		server.writeTo(target, "server");
		server.writeTo(target, "server");
		assertThat(read("tls/server.crt")).isEqualTo(server.chainPem());
		assertThat(read("tls/server.key")).isEqualTo(server.privateKeyPem());
		ROOT.asIssuedCertificate().writeTo(target, "ca", PASSWORD.toCharArray());
		assertThat(CertificateAuthority.load(read("tls/ca.crt"), read("tls/ca.key"), PASSWORD.toCharArray())
			.certificate()).isEqualTo(ROOT.certificate());
		assumeTrue(this.dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "not a POSIX file system");
		for (String key : List.of("server.key", "ca.key")) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve(key))))
				.isEqualTo("rw-------");
		}
	}

	private void assertVerified(String... arguments) throws Exception {
		Result result = openssl(prepend("verify", arguments));
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains(arguments[arguments.length - 1] + ": OK");
	}

	private Result openssl(String... arguments) {
		return OpenSslCli.openssl(this.dir, arguments);
	}

	private static String[] prepend(String first, String[] rest) {
		return Stream.concat(Stream.of(first), Arrays.stream(rest)).toArray(String[]::new);
	}

	private void write(String name, String content) throws Exception {
		Files.writeString(this.dir.resolve(name), content);
	}

	private String read(String name) throws Exception {
		return Files.readString(this.dir.resolve(name));
	}

}
