package dev.tlsboot.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tlsboot.pki.CertificateAuthority;

/**
 * A CA, certificates it issued and a second CA, written as PEM files, for contexts configured by properties:
 * {@code ca.pem}, {@code server.crt}/{@code .key} (localhost, 127.0.0.1), {@code secured.crt}/{@code .key} (the key
 * encrypted with {@link #PASSWORD}), {@code client.crt}/{@code .key} and {@code other-ca.pem}.
 */
final class TestPki {

	static final String PASSWORD = "pw-4711";

	private final Path dir;

	private TestPki(Path dir) {
		this.dir = dir;
	}

	static TestPki writeTo(Path dir) {
		CertificateAuthority ca = CertificateAuthority.root("TLS Boot Test CA");
		ca.issueServer("localhost", "127.0.0.1").writeTo(dir, "server");
		ca.issueServer("localhost").writeTo(dir, "secured", PASSWORD.toCharArray());
		ca.issueClient("test-client").writeTo(dir, "client");
		try {
			Files.writeString(dir.resolve("ca.pem"), ca.rootCertificatePem());
			Files.writeString(dir.resolve("other-ca.pem"),
					CertificateAuthority.root("Other Test CA").rootCertificatePem());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new TestPki(dir);
	}

	/** The {@code file:} location of a file in the directory. */
	String file(String name) {
		return "file:" + this.dir.resolve(name);
	}

	Path path(String name) {
		return this.dir.resolve(name);
	}

}
