package dev.tlsboot.pki;

import java.io.StringReader;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CertificateRequests} and signing requests with {@link CertificateAuthority}.
 */
class CertificateRequestsTests {

	private static final CertificateAuthority ROOT = CertificateAuthority.root("CSR Root");

	private static final CertificateAuthority ISSUING = ROOT.intermediate("CSR Issuing CA");

	private final KeyPair keys = KeyType.EC_P256.generate();

	@Test
	void createdRequestIsSignedWithSubjectAndRequestedNames() throws Exception {
		String csr = CertificateRequests.create(this.keys, "alice", "alice.example.com", "10.0.0.1");
		assertThat(csr).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
		SignedCertificate signed = ISSUING.signRequest(csr);
		X509Certificate certificate = signed.certificate();
		assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=alice");
		assertThat(certificate.getPublicKey()).isEqualTo(this.keys.getPublic());
		assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(2, "alice.example.com"),
				List.of(7, "10.0.0.1"));
		assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
		assertThat(signed.chain()).containsExactly(certificate, ISSUING.certificate());
		assertThat(signed.chainPem()).isEqualTo(signed.certificatePem()
				+ ISSUING.asIssuedCertificate().certificatePem());
		Pkix.validate(ROOT.rootCertificate(), signed.chain());
	}

	@Test
	void requestsOfOtherKeyTypesAreVerifiedWithJdkProviders() throws Exception {
		KeyPair rsa = TestRoots.of(KeyType.RSA_2048).keyPair();
		X509Certificate rsaCertificate = ROOT.signRequest(CertificateRequests.create(rsa, "rsa")).certificate();
		assertThat(rsaCertificate.getKeyUsage()).startsWith(true, false, true);
		KeyPair ed25519 = KeyType.ED25519.generate();
		SignedCertificate signed = ROOT.signRequest(CertificateRequests.create(ed25519, "ed"));
		assertThat(signed.certificate().getKeyUsage()).startsWith(true, false, false);
		Pkix.validate(ROOT.rootCertificate(), signed.chain());
	}

	@Test
	void issuanceAddsNamesAndChoosesUsages() throws Exception {
		String csr = CertificateRequests.create(this.keys, "bob", "bob.example.com");
		X509Certificate certificate = ROOT.issue()
			.subjectAltNames("bob.example.com", "::1")
			.emailAddresses("bob@example.com")
			.clientAuth()
			.signRequest(csr)
			.certificate();
		assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(2, "bob.example.com"),
				List.of(7, "0:0:0:0:0:0:0:1"), List.of(1, "bob@example.com"));
		assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
		assertThat(certificate.getCriticalExtensionOIDs()).doesNotContain(Extension.subjectAlternativeName.getId());
	}

	@Test
	void requestWithEmptySubjectGetsCriticalSubjectAltNames() throws Exception {
		Extensions names = new Extensions(new Extension(Extension.subjectAlternativeName, false,
				new GeneralNames(new GeneralName(GeneralName.dNSName, "anonymous.example")).getEncoded()));
		PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(new X500Name(""),
				this.keys.getPublic())
			.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, names)
			.build(new JcaContentSignerBuilder("SHA256withECDSA").build(this.keys.getPrivate()));
		X509Certificate certificate = ROOT.signRequest(request).certificate();
		assertThat(certificate.getSubjectX500Principal().getName()).isEmpty();
		assertThat(certificate.getCriticalExtensionOIDs()).contains(Extension.subjectAlternativeName.getId());
	}

	@Test
	void tamperedRequestIsRefused() throws Exception {
		PKCS10CertificationRequest alice = parse(CertificateRequests.create(this.keys, "alice"));
		PKCS10CertificationRequest mallory = parse(CertificateRequests.create(this.keys, "mallory", "evil.example"));
		// Mallory's request body under Alice's signature.
		PKCS10CertificationRequest tampered = new PKCS10CertificationRequest(new CertificationRequest(
				mallory.toASN1Structure().getCertificationRequestInfo(), alice.getSignatureAlgorithm(),
				alice.toASN1Structure().getSignature()));
		assertThatIllegalArgumentException().isThrownBy(() -> ROOT.signRequest(tampered))
			.withMessageContaining("CN=mallory")
			.withMessageContaining("bad signature");
	}

	@Test
	void textThatHoldsNoRequestIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ROOT.signRequest(ROOT.rootCertificatePem()))
			.withMessageContaining("no BEGIN CERTIFICATE REQUEST");
	}

	private static PKCS10CertificationRequest parse(String pem) throws Exception {
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			return (PKCS10CertificationRequest) parser.readObject();
		}
	}

}
