package dev.tlsboot.core.acme;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tlsboot.core.material.KeyMaterial;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.pki.KeyType;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link AcmeCertificateManager#prepare} leaves in {@code storage} for the context to be built from. */
class AcmeStorageTests {

	@TempDir
	Path storage;

	@Test
	void aPlaceholderForTheDomainsWhenNothingIsStoredOwnerOnly() throws Exception {
		AcmeSettings settings = settings(this.storage.resolve("acme"));
		AcmeCertificateManager.prepare(settings);
		KeyMaterial served = new AcmeStorage(settings).stored();
		assertThat(AcmeStorage.isPlaceholder(served.leaf())).isTrue();
		assertThat(served.leaf().getSubjectAlternativeNames()).extracting((name) -> (Object) name.get(1))
			.containsExactly((Object) "app.example.com", "www.example.com");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings.storage())))
			.isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings.keyFile())))
			.isEqualTo("rw-------");
	}

	@Test
	void theStoredCertificateStaysWhileValidAndAnExpiredOneMakesWayForThePlaceholder() {
		AcmeSettings settings = settings(this.storage);
		AcmeStorage storage = new AcmeStorage(settings);
		CertificateAuthority ca = CertificateAuthority.root("CA");
		IssuedCertificate valid = ca.issueServer("app.example.com");
		storage.write(valid.chain(), valid.keyPair());
		AcmeCertificateManager.prepare(settings);
		assertThat(storage.stored().leaf()).isEqualTo(valid.certificate());

		Instant past = Instant.now().minus(Duration.ofDays(10));
		IssuedCertificate expired = ca.issue()
			.commonName("app.example.com")
			.subjectAltNames("app.example.com")
			.validity(past, past.plus(Duration.ofDays(1)))
			.build();
		storage.write(expired.chain(), expired.keyPair());
		AcmeCertificateManager.prepare(settings);
		assertThat(AcmeStorage.isPlaceholder(storage.stored().leaf())).isTrue();
	}

	private static AcmeSettings settings(Path storage) {
		return new AcmeSettings("https://acme.example.com/directory", List.of("app.example.com", "www.example.com"),
				null, true, AcmeChallenge.TLS_ALPN_01, null, 0, storage, KeyType.EC_P256, null, Duration.ofHours(1),
				null, null, null);
	}

}
