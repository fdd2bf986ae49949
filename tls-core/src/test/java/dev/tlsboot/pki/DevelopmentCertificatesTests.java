package dev.tlsboot.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tlsboot.pki.DevelopmentCertificates.Outcome;
import dev.tlsboot.testing.OpenSslCli;

import static org.assertj.core.api.Assertions.assertThat;

class DevelopmentCertificatesTests {

	@TempDir
	Path directory;

	@Test
	void createdOnceThenReused() throws Exception {
		DevelopmentCertificates certificates = new DevelopmentCertificates(this.directory, List.of(), Duration.ofDays(30));
		assertThat(certificates.ensure()).isEqualTo(Outcome.CREATED);
		String server = Files.readString(certificates.serverCertificate());
		assertThat(certificates.ensure()).isEqualTo(Outcome.REUSED);
		assertThat(Files.readString(certificates.serverCertificate())).isEqualTo(server);
	}

	@Test
	void renewedByTheSameCaWhenNearItsEnd() throws Exception {
		new DevelopmentCertificates(this.directory, List.of(), Duration.ofDays(30)).ensure();
		String ca = Files.readString(this.directory.resolve("ca.crt"));
		String server = Files.readString(this.directory.resolve("server.crt"));
		// A leaf lives a year: asking for 400 days of life left forces a renewal.
		assertThat(new DevelopmentCertificates(this.directory, List.of(), Duration.ofDays(400)).ensure())
			.isEqualTo(Outcome.RENEWED);
		assertThat(Files.readString(this.directory.resolve("ca.crt"))).isEqualTo(ca);
		assertThat(Files.readString(this.directory.resolve("server.crt"))).isNotEqualTo(server);
	}

	@Test
	void renewedWhenANewHostNameIsAsked() {
		new DevelopmentCertificates(this.directory, List.of(), Duration.ofDays(30)).ensure();
		DevelopmentCertificates more = new DevelopmentCertificates(this.directory, List.of("api.test"),
				Duration.ofDays(30));
		assertThat(more.ensure()).isEqualTo(Outcome.RENEWED);
		assertThat(more.ensure()).isEqualTo(Outcome.REUSED);
		assertThat(more.hostNames()).contains("localhost", "127.0.0.1", "::1", "api.test");
	}

	@Test
	void opensslVerifiesTheServerCertificateForLocalhost() {
		OpenSslCli.assumeAvailable();
		DevelopmentCertificates certificates = new DevelopmentCertificates(this.directory, List.of(), Duration.ofDays(30));
		certificates.ensure();
		OpenSslCli.Result result = OpenSslCli.openssl(this.directory, "verify", "-CAfile", "ca.crt", "-purpose",
				"sslserver", "-verify_hostname", "localhost", "server.crt");
		assertThat(result.output()).contains("server.crt: OK");
	}

}
