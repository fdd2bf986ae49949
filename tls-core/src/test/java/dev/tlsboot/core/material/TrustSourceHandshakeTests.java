package dev.tlsboot.core.material;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.openssl.CertificateTrustBlock;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.Handshakes;

import static org.assertj.core.api.Assertions.assertThat;

/** Each trust source, written as a user would, lets a client built from the options complete a real handshake. */
class TrustSourceHandshakeTests {

	private static CertificateAuthority ca;

	private static IssuedCertificate localhost;

	private static TlsContext server;

	@TempDir
	Path dir;

	@BeforeAll
	static void server() {
		ca = CertificateAuthority.root("Trust Source CA");
		localhost = ca.issueServer("localhost");
		server = TlsContext.create("server", TlsOptions.defaults(), new TlsMaterial(localhost.keyMaterial(), List.of()));
	}

	@Test
	void cafilePem() throws Exception {
		Path file = TestMaterial.write(this.dir, "ca.pem", ca.rootCertificatePem());
		assertHandshakes(TlsOptions.builder().cafile(file.toString()));
	}

	@Test
	void cafileDer() throws Exception {
		Path file = TestMaterial.write(this.dir, "ca.der", ca.rootCertificate().getEncoded());
		assertHandshakes(TlsOptions.builder().cafile("file:" + file));
	}

	@Test
	void cafileOpensslTrustedCertificate() throws Exception {
		X509TrustedCertificateBlock trusted = new X509TrustedCertificateBlock(
				new JcaX509CertificateHolder(ca.rootCertificate()),
				new CertificateTrustBlock(Set.of(KeyPurposeId.id_kp_serverAuth.toOID())));
		Path file = TestMaterial.write(this.dir, "trusted.pem",
				TestMaterial.pem(new PemObject("TRUSTED CERTIFICATE", trusted.getEncoded())));
		assertHandshakes(TlsOptions.builder().cafile(file.toString()));
	}

	@Test
	void cadirWithHashedName() throws Exception {
		Path cadir = Files.createDirectory(this.dir.resolve("certs"));
		TestMaterial.write(cadir, "9f8e7d6c.0", ca.rootCertificatePem());
		assertHandshakes(TlsOptions.builder().cadir(cadir.toString()));
	}

	@Test
	void castorePkcs12() throws Exception {
		Path store = TestMaterial.write(this.dir, "trust.p12",
				TestMaterial.trustStore("PKCS12", "changeit", ca.rootCertificate()));
		assertHandshakes(TlsOptions.builder().castore("file:" + store).password("changeit"));
	}

	@Test
	void castoreJksNextToTheSystemStore() throws Exception {
		Path store = TestMaterial.write(this.dir, "trust.jks",
				TestMaterial.trustStore("JKS", "changeit", ca.rootCertificate()));
		assertHandshakes(TlsOptions.builder().castore("system", "file:" + store).password("changeit"));
	}

	private static void assertHandshakes(TlsOptions.Builder options) throws Exception {
		TlsContext client = TlsContext.create("client", options.build());
		assertThat(Handshakes.serverCertificateSeenBy(client, server)).isEqualTo(localhost.certificate());
	}

}
