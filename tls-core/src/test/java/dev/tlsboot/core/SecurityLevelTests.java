package dev.tlsboot.core;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tlsboot.core.cipher.CipherSuite;
import dev.tlsboot.core.status.CertificateInfo;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.KeyType;
import dev.tlsboot.testing.OpenSslCli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for {@link SecurityLevel}. */
class SecurityLevelTests {

	private static final List<String> SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
			"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
			"TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_DH_anon_WITH_AES_128_GCM_SHA256",
			"TLS_ECDHE_RSA_WITH_NULL_SHA", "SSL_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");

	@Test
	void minimumKeySizes() {
		assertThat(List.of(0, 1, 2, 3, 4, 5)).map((level) -> SecurityLevel.of(level).minimumRsaBits())
			.containsExactly(0, 1024, 2048, 3072, 7680, 15360);
		assertThat(List.of(0, 1, 2, 3, 4, 5)).map((level) -> SecurityLevel.of(level).minimumEcBits())
			.containsExactly(0, 160, 224, 256, 384, 512);
		assertThatIllegalArgumentException().isThrownBy(() -> SecurityLevel.of(6))
			.withMessage("Security level 6 is not between 0 and 5");
	}

	@Test
	void filterSuitesPerLevel() {
		assertThat(SecurityLevel.of(0).filterSuites(SUITES)).isEqualTo(SUITES);
		List<String> levelOne = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
				"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
				"TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_256_GCM_SHA384",
				"TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
		assertThat(SecurityLevel.of(1).filterSuites(SUITES)).isEqualTo(levelOne);
		assertThat(SecurityLevel.of(2).filterSuites(SUITES)).isEqualTo(levelOne);
		assertThat(SecurityLevel.of(3).filterSuites(SUITES)).containsExactly("TLS_AES_128_GCM_SHA256",
				"TLS_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
				"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
				"TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
		List<String> levelFour = List.of("TLS_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
				"TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
		assertThat(SecurityLevel.of(4).filterSuites(SUITES)).isEqualTo(levelFour);
		assertThat(SecurityLevel.of(5).filterSuites(SUITES)).isEqualTo(levelFour);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 3, 4, 5 })
	void filterSuitesAgreesWithOpenSsl(int level) {
		OpenSslCli.assumeOpenSsl3();
		List<String> table = OpenSslCli.ciphers("ALL:COMPLEMENTOFALL:@SECLEVEL=0").stream()
			.filter((name) -> CipherSuite.named(name).isPresent())
			.toList();
		List<String> allowed = OpenSslCli.ciphers("ALL:COMPLEMENTOFALL:@SECLEVEL=" + level, "-s").stream()
			.filter(table::contains)
			.toList();
		assertThat(SecurityLevel.of(level).filterSuites(table)).containsExactlyInAnyOrderElementsOf(allowed);
	}

	@Test
	void smallRsaKeyIsRefusedAtTwoAndAcceptedAtOne() {
		CertificateAuthority ca = CertificateAuthority.root("CA");
		X509Certificate small = ca.issue().commonName("small").keyType(KeyType.rsa(1024)).build().certificate();
		assertThat(SecurityLevel.of(2).problemWith(small))
			.contains("certificate CN=small has a 1024-bit RSA key; security level 2 requires at least 2048 bits");
		assertThat(SecurityLevel.of(1).problemWith(small)).isEmpty();
	}

	@Test
	void sha1SignatureIsRefusedFromLevelOne() {
		CertificateAuthority ca = CertificateAuthority.root("CA", KeyType.RSA_2048);
		X509Certificate legacy = ca.issue().commonName("legacy").keyType(KeyType.RSA_2048)
			.signatureAlgorithm("SHA1withRSA").build().certificate();
		assertThat(SecurityLevel.of(1).problemWith(legacy)).contains("certificate CN=legacy is signed with "
				+ "SHA1withRSA, which security level 1 refuses: it needs signatures of at least 80-bit security");
		assertThat(SecurityLevel.of(0).problemWith(legacy)).isEmpty();
	}

	@Test
	void signatureOfASelfSignedRootIsNotChecked() throws Exception {
		X509Certificate root = selfSignedSha1Root();
		assertThat(SecurityLevel.of(2).problemWith(root)).isEmpty();
		assertThat(SecurityLevel.of(2).problemWithTrustAnchor(root)).isEmpty();
		assertThat(SecurityLevel.of(3).problemWithTrustAnchor(root))
			.contains("certificate CN=Old Root has a 2048-bit RSA key; security level 3 requires at least 3072 bits");
	}

	@Test
	void selfSignedMeansTheSameNameAndItsOwnKeysSignature() {
		CertificateAuthority ca = CertificateAuthority.root("localhost");
		assertThat(CertificateInfo.isSelfSigned(ca.rootCertificate())).isTrue();
		// Issuer and subject are both CN=localhost, but the root's key signed it
		assertThat(CertificateInfo.isSelfSigned(ca.issueServer("localhost").certificate())).isFalse();
		assertThat(CertificateInfo.isSelfSigned(ca.issueServer("other").certificate())).isFalse();
	}

	@Test
	void ecP256IsAcceptedAtThreeAndRefusedAtFour() {
		CertificateAuthority ca = CertificateAuthority.root("CA", KeyType.EC_P384);
		X509Certificate ec = ca.issue().commonName("ec").build().certificate();
		assertThat(SecurityLevel.of(3).problemWith(ec)).isEmpty();
		assertThat(SecurityLevel.of(4).problemWith(ec))
			.contains("certificate CN=ec has a 256-bit EC key; security level 4 requires at least 384 bits");
	}

	@Test
	void sha256SignatureIsRefusedAtFourAsInOpenSsl() {
		CertificateAuthority ca = CertificateAuthority.root("CA");
		X509Certificate leaf = ca.issue().commonName("leaf").keyType(KeyType.EC_P384).build().certificate();
		assertThat(SecurityLevel.of(3).problemWith(leaf)).isEmpty();
		assertThat(SecurityLevel.of(4).problemWith(leaf)).contains("certificate CN=leaf is signed with "
				+ "SHA256withECDSA, which security level 4 refuses: it needs signatures of at least 192-bit security");
	}

	@Test
	void edwardsKeysByTheirSecurityBits() throws Exception {
		KeyPair ed25519 = KeyType.ED25519.generate();
		assertThat(SecurityLevel.of(3).problemWith(ed25519.getPublic(), "the key")).isEmpty();
		assertThat(SecurityLevel.of(4).problemWith(ed25519.getPublic(), "the key"))
			.contains("the key has an Ed25519 key of 128-bit security; security level 4 requires 192 bits");
		KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
		assertThat(SecurityLevel.of(4).problemWith(ed448.getPublic(), "the key")).isEmpty();
		assertThat(SecurityLevel.of(5).problemWith(ed448.getPublic(), "the key"))
			.contains("the key has an Ed448 key of 224-bit security; security level 5 requires 256 bits");
	}

	/** CertificateAuthority signs its roots with SHA-256; an old root signed with SHA-1 takes Bouncy Castle. */
	private static X509Certificate selfSignedSha1Root() throws Exception {
		KeyPair keys = KeyType.RSA_2048.generate();
		X500Principal name = new X500Principal("CN=Old Root");
		Instant now = Instant.now();
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
				Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(3600)), name, keys.getPublic());
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA1withRSA").build(keys.getPrivate())));
	}

}
