package dev.tlsboot.pki;

import java.security.KeyPair;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CertificateAuthority#load(String, String, char[])}: a CA written as PEM comes back and issues.
 */
class CertificateAuthorityLoadTests {

	private static final char[] PASSWORD = "s3cret".toCharArray();

	private static final CertificateAuthority ROOT = CertificateAuthority.root("Load Root");

	@Test
	void loadedRootIssuesCertificatesThatValidateAgainstTheOriginal() throws Exception {
		IssuedCertificate saved = ROOT.asIssuedCertificate();
		CertificateAuthority loaded = CertificateAuthority.load(saved.chainPem(), saved.privateKeyPem());
		assertThat(loaded.certificate()).isEqualTo(ROOT.certificate());
		assertThat(loaded.keyPair().getPrivate()).isEqualTo(ROOT.keyPair().getPrivate());
		IssuedCertificate server = loaded.issueServer("localhost");
		Pkix.validate(ROOT.rootCertificate(), server.chain());
		assertThat(Pkix.authorityKeyId(server.certificate())).isEqualTo(Pkix.subjectKeyId(ROOT.certificate()));
	}

	@Test
	void loadedIntermediateKeepsItsChainAndPathLength() throws Exception {
		CertificateAuthority intermediate = ROOT.intermediate("Load Issuing CA", KeyType.EC_P384, 0);
		IssuedCertificate saved = intermediate.asIssuedCertificate();
		CertificateAuthority loaded = CertificateAuthority.load(saved.chainPem(),
				saved.encryptedPrivateKeyPem(PASSWORD), PASSWORD);
		assertThat(loaded.chain()).isEqualTo(intermediate.chain());
		assertThat(loaded.rootCertificate()).isEqualTo(ROOT.certificate());
		IssuedCertificate client = loaded.issueClient("alice");
		assertThat(client.chain()).containsExactly(client.certificate(), intermediate.certificate());
		Pkix.validate(ROOT.rootCertificate(), client.chain());
		assertThatIllegalArgumentException().isThrownBy(() -> loaded.intermediate("Too deep"))
			.withMessageContaining("path length 0");
	}

	@Test
	void loadsEveryKeyType() {
		TestRoots.keyTypes().map(TestRoots::of).forEach((root) -> {
			IssuedCertificate saved = root.asIssuedCertificate();
			CertificateAuthority loaded = CertificateAuthority.load(saved.certificatePem(), saved.privateKeyPem());
			assertThat(loaded.issueServer("localhost").certificate().getSigAlgName())
				.isEqualTo(root.issueServer("localhost").certificate().getSigAlgName());
		});
	}

	@Test
	void encryptedKeyNeedsTheRightPassword() {
		IssuedCertificate saved = ROOT.asIssuedCertificate();
		String encrypted = saved.encryptedPrivateKeyPem(PASSWORD);
		assertThat(encrypted).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CertificateAuthority.load(saved.chainPem(), encrypted))
			.withMessageContaining("the key is encrypted and no password was given");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CertificateAuthority.load(saved.chainPem(), encrypted, "wrong".toCharArray()))
			.withMessageContaining("wrong password for the key");
	}

	@Test
	void keyOfAnotherCertificateIsRefused() {
		KeyPair other = KeyType.EC_P256.generate();
		String otherKey = new IssuedCertificate(other, ROOT.chain()).privateKeyPem();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CertificateAuthority.load(ROOT.rootCertificatePem(), otherKey))
			.withMessageContaining("does not belong to the certificate")
			.withMessageContaining("(CN=Load Root)");
		String ed25519Key = TestRoots.of(KeyType.ED25519).asIssuedCertificate().privateKeyPem();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CertificateAuthority.load(ROOT.rootCertificatePem(), ed25519Key))
			.withMessageContaining("does not belong");
	}

	@Test
	void leafCertificateIsNoCa() {
		IssuedCertificate leaf = ROOT.issueServer("localhost");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CertificateAuthority.load(leaf.certificatePem(), leaf.privateKeyPem()))
			.withMessageContaining("is not a CA certificate");
	}

	@Test
	void chainInTheWrongOrderIsRefused() {
		CertificateAuthority intermediate = ROOT.intermediate("Load Issuing CA");
		String reversed = ROOT.rootCertificatePem() + intermediate.asIssuedCertificate().certificatePem();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CertificateAuthority.load(reversed, ROOT.asIssuedCertificate().privateKeyPem()))
			.withMessageContaining("list the CA's certificate first");
	}

	@Test
	void textWithoutCertificateOrKeyIsRefused() {
		String key = ROOT.asIssuedCertificate().privateKeyPem();
		assertThatIllegalArgumentException().isThrownBy(() -> CertificateAuthority.load(key, key))
			.withMessageContaining("no certificate in it, found: PRIVATE KEY");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CertificateAuthority.load(ROOT.rootCertificatePem(), ROOT.rootCertificatePem()))
			.withMessageContaining("no private key in it, found: CERTIFICATE");
	}

}
