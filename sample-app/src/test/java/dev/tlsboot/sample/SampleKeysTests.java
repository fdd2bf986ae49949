package dev.tlsboot.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tlsboot.core.material.KeyMaterial;
import dev.tlsboot.core.status.CertificateInfo;

import static org.assertj.core.api.Assertions.assertThat;

class SampleKeysTests {

	@TempDir
	Path directory;

	@Test
	void createsTheCaAndTheServerCertificateOnceAndReusesThem() throws Exception {
		SampleKeys keys = new SampleKeys(this.directory);
		assertThat(keys.ensure()).isTrue();
		String ca = Files.readString(this.directory.resolve("ca.crt"));
		String server = Files.readString(this.directory.resolve("server1.crt"));
		assertThat(new SampleKeys(this.directory).ensure()).isFalse();
		assertThat(this.directory.resolve("ca.crt")).hasContent(ca);
		assertThat(this.directory.resolve("server1.crt")).hasContent(server);
		X509Certificate leaf = KeyMaterial
			.fromPem(server, Files.readString(this.directory.resolve("server1.key")), null)
			.leaf();
		assertThat(CertificateInfo.of(leaf).subjectAltName()).containsExactly("DNS:localhost", "IP Address:127.0.0.1");
		assertThat(CertificateInfo.of(leaf).issuer()).isEqualTo("CN=TLS Boot Sample CA");
	}

	@Test
	void issuesAClientCertificateOncePerNameAndKeepsOnlyTheCertificate() throws Exception {
		SampleKeys keys = new SampleKeys(this.directory);
		keys.ensure();
		CertificateRequest request = new CertificateRequest("erin", "erin@example.com");
		assertThat(keys.issueClient(request)).hasValueSatisfying((issued) -> assertThat(
				CertificateInfo.of(issued.certificate()).subject()).isEqualTo("CN=erin"));
		assertThat(keys.issueClient(request)).isEmpty();
		try (Stream<Path> files = Files.list(this.directory.resolve("issued"))) {
			assertThat(files.map(this.directory::relativize).toList())
				.isEqualTo(List.of(Path.of("issued", "erin.crt")));
		}
	}

}
