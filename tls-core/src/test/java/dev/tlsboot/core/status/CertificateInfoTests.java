package dev.tlsboot.core.status;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.KeyType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CertificateInfo}.
 */
class CertificateInfoTests {

	private static final CertificateAuthority CA = CertificateAuthority.root("Test CA");

	@Test
	void describesServerCertificate() throws Exception {
		X509Certificate certificate = CA.issueServer("localhost", "127.0.0.1").certificate();
		CertificateInfo info = CertificateInfo.of(certificate);
		assertThat(info.version()).isEqualTo(3);
		assertThat(info.serialNumber()).hasSizeGreaterThan(0).matches((hex) -> hex.length() % 2 == 0);
		assertThat(new BigInteger(info.serialNumber(), 16)).isEqualTo(certificate.getSerialNumber());
		assertThat(info.signature()).isEqualTo("ecdsa-with-SHA256");
		assertThat(info.signatureAlgorithm()).isEqualTo("ecdsa-with-SHA256");
		assertThat(info.subject()).isEqualTo("CN=localhost");
		assertThat(info.issuer()).isEqualTo("CN=Test CA");
		assertThat(info.notBefore()).isEqualTo(certificate.getNotBefore().toInstant());
		assertThat(info.notAfter()).isEqualTo(certificate.getNotAfter().toInstant());
		assertThat(info.issuerUniqueId()).isNull();
		assertThat(info.subjectUniqueId()).isNull();
		assertThat(info.subjectAltName()).containsExactly("DNS:localhost", "IP Address:127.0.0.1");
		assertThat(info.ocsp()).isEmpty();
		assertThat(info.selfSigned()).isFalse();
		assertThat(info.signatureValue()).isEqualTo(hex(certificate.getSignature()));
		assertThat(info.sha1Hash()).isEqualTo(hex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded())));
		assertThat(info.sha256Hash())
			.isEqualTo(hex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
	}

	@Test
	void listsExtensionsInOrderWithOpenSslNames() {
		CertificateInfo info = CertificateInfo.of(CA.issueServer("localhost").certificate());
		assertThat(info.numExtensions()).isEqualTo(6).isEqualTo(info.extensions().size());
		assertThat(info.extensions()).contains(
				new CertificateInfo.Extension("2.5.29.19", "X509v3 Basic Constraints", true),
				new CertificateInfo.Extension("2.5.29.15", "X509v3 Key Usage", true),
				new CertificateInfo.Extension("2.5.29.37", "X509v3 Extended Key Usage", false),
				new CertificateInfo.Extension("2.5.29.17", "X509v3 Subject Alternative Name", false));
	}

	@Test
	void authorityKeyIdentifierMatchesTheIssuersSubjectKeyIdentifier() {
		CertificateInfo root = CertificateInfo.of(CA.rootCertificate());
		CertificateInfo leaf = CertificateInfo.of(CA.issueClient("alice").certificate());
		assertThat(root.subjectKeyIdentifier()).matches("[0-9A-F]{40}");
		assertThat(leaf.authorityKeyIdentifier()).isEqualTo(root.subjectKeyIdentifier());
		assertThat(root.authorityKeyIdentifier()).isEqualTo(root.subjectKeyIdentifier());
		assertThat(root.selfSigned()).isTrue();
	}

	@Test
	void certificateAndPublicKeyArePemThatDecodesToTheOriginals() throws Exception {
		X509Certificate certificate = CA.issueServer("localhost").certificate();
		CertificateInfo info = CertificateInfo.of(certificate);
		X509Certificate decoded = (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(info.certificate().getBytes(StandardCharsets.US_ASCII)));
		assertThat(decoded).isEqualTo(certificate);
		assertThat(info.publicKey()).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
		String base64 = info.publicKey().replaceAll("-----[A-Z ]+-----|\\n", "");
		X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(base64));
		assertThat(KeyFactory.getInstance("EC").generatePublic(spec)).isEqualTo(certificate.getPublicKey());
		assertThat(info.publicKeyAlgorithm()).isEqualTo("id-ecPublicKey");
		assertThat(info.bits()).isEqualTo(256);
	}

	@Test
	void describesRsaAndEd25519Keys() {
		CertificateAuthority rsaCa = CertificateAuthority.root("RSA CA", KeyType.RSA_2048);
		CertificateInfo rsa = CertificateInfo.of(rsaCa.rootCertificate());
		assertThat(rsa.publicKeyAlgorithm()).isEqualTo("rsaEncryption");
		assertThat(rsa.signatureAlgorithm()).isEqualTo("sha256WithRSAEncryption");
		assertThat(rsa.bits()).isEqualTo(2048);
		CertificateInfo ed25519 = CertificateInfo.of(CA.issue().keyType(KeyType.ED25519).build().certificate());
		assertThat(ed25519.publicKeyAlgorithm()).isEqualTo("ED25519");
		assertThat(ed25519.bits()).isEqualTo(253);
	}

	@Test
	void daysLeftCountsWholeDaysAndTurnsNegativeAfterExpiry() {
		Instant now = Instant.now();
		Instant notAfter = now.plus(Duration.ofDays(30)).plusSeconds(60);
		CertificateInfo info = CertificateInfo.of(CA.issue().validity(now, notAfter).build().certificate());
		assertThat(info.daysLeft(now)).isEqualTo(30);
		assertThat(info.daysLeft(info.notAfter().plus(Duration.ofDays(2)))).isEqualTo(-2);
	}

	@Test
	void describesChainsInOrder() {
		CertificateAuthority intermediate = CA.intermediate("Sub CA");
		List<CertificateInfo> chain = CertificateInfo.of(intermediate.issueServer("localhost").chain());
		assertThat(chain).extracting(CertificateInfo::subject).containsExactly("CN=localhost", "CN=Sub CA");
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().withUpperCase().formatHex(bytes);
	}

}
