package dev.tlsboot.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CertificateAuthority} and {@link Issuance}: extensions, chains and serials, checked with the
 * JDK's own certificate API and PKIX validator.
 */
class CertificateAuthorityTests {

	private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

	private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

	private static final String BASIC_CONSTRAINTS = "2.5.29.19";

	private static final String KEY_USAGE = "2.5.29.15";

	/** Issues leaves for keys of every type, with a key of its own (never the leaf's). */
	private static final CertificateAuthority ISSUER = CertificateAuthority.root("Leaf Issuer");

	@ParameterizedTest
	@MethodSource("dev.tlsboot.pki.TestRoots#keyTypes")
	void rootOfEachKeyTypeIssuesCertificateThatValidates(KeyType keyType) throws Exception {
		CertificateAuthority root = TestRoots.of(keyType);
		IssuedCertificate server = root.issueServer("localhost");
		assertThat(KeyType.of(root.certificate().getPublicKey())).isEqualTo(keyType);
		assertThat(Pkix.validate(root.rootCertificate(), server.chain()).getPublicKey())
			.isEqualTo(server.keyPair().getPublic());
	}

	@ParameterizedTest
	@MethodSource("dev.tlsboot.pki.TestRoots#keyTypes")
	void leafOfEachKeyTypeValidatesWithKeyUsageForItsType(KeyType keyType) throws Exception {
		// The test root's key pair stands in for a leaf key: the slow RSA keys are generated once.
		KeyPair keys = TestRoots.of(keyType).keyPair();
		IssuedCertificate server = ISSUER.issue().keyPair(keys).subjectAltNames("localhost").serverAuth().build();
		Pkix.validate(ISSUER.rootCertificate(), server.chain());
		boolean rsa = "RSA".equals(keyType.algorithm());
		// digitalSignature(0), nonRepudiation(1), keyEncipherment(2), dataEncipherment(3), keyAgreement(4), ...
		assertThat(server.certificate().getKeyUsage()).startsWith(true, false, rsa, false, false, false, false);
	}

	@Test
	void rootIsCaWithCriticalConstraintsAndCaKeyUsage() throws Exception {
		X509Certificate root = ISSUER.certificate();
		assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
		assertThat(root.getCriticalExtensionOIDs()).contains(BASIC_CONSTRAINTS, KEY_USAGE);
		// keyCertSign(5) and cRLSign(6) only
		assertThat(root.getKeyUsage()).startsWith(false, false, false, false, false, true, true);
		assertThat(Pkix.authorityKeyId(root)).isEqualTo(Pkix.subjectKeyId(root));
		assertThat(Duration.between(root.getNotBefore().toInstant(), root.getNotAfter().toInstant()))
			.isBetween(CertificateAuthority.CA_VALIDITY, CertificateAuthority.CA_VALIDITY.plusHours(2));
	}

	@Test
	void rootValidityIsConfigurable() {
		CertificateAuthority root = CertificateAuthority.root("Short", KeyType.ED25519, Duration.ofDays(30));
		assertThat(Duration.between(root.certificate().getNotBefore().toInstant(),
				root.certificate().getNotAfter().toInstant()))
			.isBetween(Duration.ofDays(30), Duration.ofDays(30).plusHours(2));
	}

	@Test
	void serverCertificateHasDnsAndIpNamesAndServerAuth() throws Exception {
		IssuedCertificate server = ISSUER.issueServer("localhost", "127.0.0.1", "::1", "[2001:db8::1]",
				"1.2.3.4.nip.io", "cafe", "*.example.com");
		X509Certificate certificate = server.certificate();
		assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
		assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(2, "localhost"),
				List.of(7, "127.0.0.1"), List.of(7, InetAddress.getByName("::1").getHostAddress()),
				List.of(7, InetAddress.getByName("2001:db8::1").getHostAddress()), List.of(2, "1.2.3.4.nip.io"),
				List.of(2, "cafe"), List.of(2, "*.example.com"));
		assertThat(certificate.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
		assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
		assertThat(certificate.getCriticalExtensionOIDs()).contains(BASIC_CONSTRAINTS, KEY_USAGE);
		assertThat(Pkix.subjectKeyId(certificate)).isNotEmpty();
		assertThat(Pkix.authorityKeyId(certificate)).isEqualTo(Pkix.subjectKeyId(ISSUER.certificate()));
	}

	@Test
	void leafValidityDefaultsToOneYear() {
		X509Certificate certificate = ISSUER.issueClient("alice").certificate();
		assertThat(Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()))
			.isEqualTo(CertificateAuthority.LEAF_VALIDITY);
	}

	@Test
	void clientCertificateHasEmailAndClientAuth() throws Exception {
		X509Certificate certificate = ISSUER.issueClient("alice", "alice@example.com").certificate();
		assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(1, "alice@example.com"));
		assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
		assertThat(ISSUER.issueClient("bob").certificate().getSubjectAlternativeNames()).isNull();
	}

	@Test
	void commonNameWithSpecialCharactersIsEscaped() {
		X509Certificate certificate = ISSUER.issueClient("Doe, John + Co").certificate();
		assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=Doe\\, John \\+ Co");
	}

	@Test
	void crlDistributionPointAndOcspResponderAreOptional() throws Exception {
		X509Certificate plain = ISSUER.issueServer("localhost").certificate();
		assertThat(plain.getExtensionValue("2.5.29.31")).isNull();
		assertThat(plain.getExtensionValue("1.3.6.1.5.5.7.1.1")).isNull();
		X509Certificate certificate = ISSUER.issue()
			.serverAuth()
			.crlDistributionPoint("http://ca.example/root.crl")
			.ocspResponder("http://ocsp.example")
			.build()
			.certificate();
		JcaX509CertificateHolder holder = new JcaX509CertificateHolder(certificate);
		GeneralNames crl = (GeneralNames) CRLDistPoint.fromExtensions(holder.getExtensions())
			.getDistributionPoints()[0]
			.getDistributionPoint()
			.getName();
		assertThat(crl.getNames()).containsExactly(
				new GeneralName(GeneralName.uniformResourceIdentifier, "http://ca.example/root.crl"));
		AccessDescription ocsp = AuthorityInformationAccess.fromExtensions(holder.getExtensions())
			.getAccessDescriptions()[0];
		assertThat(ocsp.getAccessMethod()).isEqualTo(X509ObjectIdentifiers.ocspAccessMethod);
		assertThat(ocsp.getAccessLocation())
			.isEqualTo(new GeneralName(GeneralName.uniformResourceIdentifier, "http://ocsp.example"));
		assertThatIllegalArgumentException().isThrownBy(() -> ISSUER.issue().crlDistributionPoint("root.crl").build())
			.withMessageContaining("absolute URL");
	}

	@Test
	void caIssuersSharesTheAuthorityInfoAccessWithOcsp() throws Exception {
		X509Certificate certificate = ISSUER.issue()
			.serverAuth()
			.ocspResponder("http://ocsp.example")
			.caIssuers("http://ca.example/issuing.cer")
			.build()
			.certificate();
		AccessDescription[] access = AuthorityInformationAccess
			.fromExtensions(new JcaX509CertificateHolder(certificate).getExtensions())
			.getAccessDescriptions();
		assertThat(access).extracting(AccessDescription::getAccessMethod)
			.containsExactly(AccessDescription.id_ad_ocsp, AccessDescription.id_ad_caIssuers);
		assertThat(access[1].getAccessLocation())
			.isEqualTo(new GeneralName(GeneralName.uniformResourceIdentifier, "http://ca.example/issuing.cer"));
	}

	@Test
	void intermediateChainValidates() throws Exception {
		CertificateAuthority intermediate = ISSUER.intermediate("Issuing CA");
		IssuedCertificate server = intermediate.issueServer("localhost");
		assertThat(server.chain()).containsExactly(server.certificate(), intermediate.certificate());
		assertThat(intermediate.rootCertificate()).isEqualTo(ISSUER.certificate());
		assertThat(intermediate.certificate().getBasicConstraints()).isZero();
		assertThat(Pkix.authorityKeyId(intermediate.certificate())).isEqualTo(Pkix.subjectKeyId(ISSUER.certificate()));
		Pkix.validate(ISSUER.rootCertificate(), server.chain());
	}

	@Test
	void intermediatePathLengthAllowsThatManyIntermediatesBelow() throws Exception {
		CertificateAuthority policy = ISSUER.intermediate("Policy CA", KeyType.ED25519, 1, Duration.ofDays(365));
		CertificateAuthority issuing = policy.intermediate("Issuing CA", KeyType.EC_P384, 0);
		IssuedCertificate client = issuing.issueClient("alice");
		assertThat(policy.certificate().getBasicConstraints()).isOne();
		assertThat(issuing.chain()).containsExactly(issuing.certificate(), policy.certificate(), ISSUER.certificate());
		assertThat(client.chain()).hasSize(3);
		Pkix.validate(ISSUER.rootCertificate(), client.chain());
		assertThatIllegalArgumentException().isThrownBy(() -> issuing.intermediate("Too deep"))
			.withMessageContaining("path length 0");
		assertThatIllegalArgumentException().isThrownBy(() -> policy.intermediate("Wide", KeyType.EC_P256, 1))
			.withMessageContaining("from 0 to 0, not 1");
	}

	@Test
	void serialNumbersArePositiveAtMostTwentyOctetsAndUnique() {
		KeyPair keys = KeyType.EC_P256.generate();
		Set<BigInteger> serials = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			BigInteger serial = ISSUER.issue().keyPair(keys).build().certificate().getSerialNumber();
			assertThat(serial.signum()).isPositive();
			assertThat(serial.toByteArray()).hasSizeLessThanOrEqualTo(20);
			serials.add(serial);
		}
		assertThat(serials).hasSize(1000);
	}

	@Test
	void bouncyCastleProviderIsNeverRegistered() {
		ISSUER.intermediate("Provider Check").signRequest(CertificateRequests.create(KeyType.ED25519.generate(), "x"));
		assertThat(Security.getProvider("BC")).isNull();
	}

	@Test
	void issueServerNeedsAName() {
		assertThatIllegalArgumentException().isThrownBy(ISSUER::issueServer).withMessageContaining("at least one");
	}

}
