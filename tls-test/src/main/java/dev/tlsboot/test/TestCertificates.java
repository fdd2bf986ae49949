package dev.tlsboot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;

/**
 * A CA with a server and a client certificate for one test, on disk and in memory: the material every TLS test
 * needs, in one line.
 * <pre>{@code
 * TestCertificates certs = TestCertificates.create();
 * TlsContext server = certs.serverContext(TlsOptions.builder().require(true));
 * TlsContext client = certs.clientContext(TlsOptions.builder());
 * }</pre>
 * Files: {@code ca.crt}, {@code server.crt}/{@code server.key} (for {@code localhost}, {@code 127.0.0.1} and
 * {@code ::1}, EKU serverAuth) and {@code client.crt}/{@code client.key} (CN {@code client}, EKU clientAuth) in
 * {@link #directory()}. {@link #properties(String, String)} gives them as {@code tls.*} properties, e.g. for a
 * {@code @DynamicPropertySource}, and {@link #location(String)} one of them as an option's value.
 * {@link #rotateServer()} issues a new server certificate in place, for reload tests.
 * Close it to delete the directory; {@link TlsCertificatesExtension} does that for JUnit tests.
 */
public final class TestCertificates implements AutoCloseable {

	/** The identity a set of properties configures. */
	public enum Identity {

		/** The server certificate, trusting the CA (for client certificates). */
		SERVER,
		/** The client certificate, trusting the CA. */
		CLIENT,
		/** No certificate, only trust in the CA. */
		NONE

	}

	private final CertificateAuthority ca;

	private final Path directory;

	private volatile IssuedCertificate server;

	private final IssuedCertificate client;

	private TestCertificates(Path directory) {
		this.directory = directory;
		this.ca = CertificateAuthority.root("TLS Boot Test CA");
		this.client = this.ca.issueClient("client");
		write("ca.crt", this.ca.rootCertificatePem());
		this.client.writeTo(directory, "client");
		this.server = issueServer();
	}

	/** A fresh CA and certificates in a new temporary directory. */
	public static TestCertificates create() {
		try {
			return new TestCertificates(Files.createTempDirectory("tls-boot-test-"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a directory for test certificates", ex);
		}
	}

	/** The certificate authority: issue more certificates with it. */
	public CertificateAuthority ca() {
		return this.ca;
	}

	/** The current server certificate. */
	public IssuedCertificate server() {
		return this.server;
	}

	/** The client certificate (CN {@code client}). */
	public IssuedCertificate client() {
		return this.client;
	}

	/** The directory holding the files. */
	public Path directory() {
		return this.directory;
	}

	/** A file in {@link #directory()}, e.g. {@code file("server.key")}. */
	public Path file(String name) {
		return this.directory.resolve(name);
	}

	/**
	 * A file in {@link #directory()} as the location TLS Boot's options and {@code tls.*} properties take, e.g.
	 * {@code TlsOptions.builder().cafile(certs.location("ca.crt"))}.
	 * @param name the file's name, e.g. {@code ca.crt}
	 * @return {@code file:} and the file's path
	 */
	public String location(String name) {
		return "file:" + file(name);
	}

	/**
	 * A context with the server certificate that trusts the CA, built in memory.
	 * @param options the rest of the options, e.g. {@code TlsOptions.builder().require(true)}
	 */
	public TlsContext serverContext(TlsOptions.Builder options) {
		return TlsContext.create("test-server", options.build(), new TlsMaterial(this.server.keyMaterial(), trust()));
	}

	/**
	 * A context with the client certificate that trusts the CA, built in memory.
	 * @param options the rest of the options
	 */
	public TlsContext clientContext(TlsOptions.Builder options) {
		return TlsContext.create("test-client", options.build(), new TlsMaterial(this.client.keyMaterial(), trust()));
	}

	/**
	 * The files as TLS Boot properties.
	 * @param prefix where the context's options live: {@code tls} for the defaults, {@code tls.contexts.web} for a
	 * named context
	 * @param identity which certificate, if any
	 * @return {@code prefix.cafile}, and {@code prefix.certfile}/{@code prefix.keyfile} unless {@code NONE}
	 */
	public Map<String, String> properties(String prefix, Identity identity) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put(prefix + ".cafile", location("ca.crt"));
		if (identity != Identity.NONE) {
			String name = (identity == Identity.SERVER) ? "server" : "client";
			properties.put(prefix + ".certfile", location(name + ".crt"));
			properties.put(prefix + ".keyfile", location(name + ".key"));
		}
		return properties;
	}

	/** Shorthand for {@code properties(prefix, Identity.valueOf(identity.toUpperCase()))}. */
	public Map<String, String> properties(String prefix, String identity) {
		return properties(prefix, Identity.valueOf(identity.toUpperCase(Locale.ROOT)));
	}

	/**
	 * Issue a new server certificate (new key, new serial) and replace {@code server.crt} and {@code server.key},
	 * each by an atomic rename, as a certificate manager would.
	 * @return the new certificate
	 */
	public IssuedCertificate rotateServer() {
		this.server = issueServer();
		return this.server;
	}

	private IssuedCertificate issueServer() {
		IssuedCertificate issued = this.ca.issueServer("localhost", "127.0.0.1", "::1");
		Path staging = this.directory.resolve(".staging");
		issued.writeTo(staging, "server");
		move(staging.resolve("server.key"), file("server.key"));
		move(staging.resolve("server.crt"), file("server.crt"));
		return issued;
	}

	private List<X509Certificate> trust() {
		return List.of(this.ca.rootCertificate());
	}

	private void write(String name, String content) {
		try {
			Files.writeString(file(name), content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void move(Path from, Path to) {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Delete the directory and everything in it. */
	@Override
	public void close() {
		try {
			Files.walkFileTree(this.directory, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
					Files.delete(file);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path dir, IOException ex) throws IOException {
					Files.delete(dir);
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + this.directory, ex);
		}
	}

}
