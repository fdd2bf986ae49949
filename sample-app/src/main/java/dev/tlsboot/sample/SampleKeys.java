package dev.tlsboot.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;

/**
 * The server's PKI directory, as in TclTLS's example: {@code ca.crt}/{@code ca.key} (the CA),
 * {@code server1.crt}/{@code server1.key} (the server's own certificate, for {@code localhost} and
 * {@code 127.0.0.1}) and {@code issued/<commonName>.crt} (every client certificate issued; their keys are never
 * stored). Keys are readable by the owner only.
 */
public final class SampleKeys {

	/** The base name of the CA's files. */
	public static final String CA = "ca";

	/** The base name of the server's files. */
	public static final String SERVER = "server1";

	private static final String ISSUED = "issued";

	private final Path directory;

	private volatile CertificateAuthority ca;

	/**
	 * @param directory the PKI directory, created by {@link #ensure()} when missing
	 */
	public SampleKeys(Path directory) {
		this.directory = directory;
	}

	/**
	 * Create what is missing: the CA, then the server certificate. Existing files are used as they are.
	 * @return whether anything was created
	 */
	public boolean ensure() {
		boolean created = false;
		if (!exists(CA)) {
			CertificateAuthority.root("TLS Boot Sample CA").asIssuedCertificate().writeTo(this.directory, CA);
			created = true;
		}
		if (!exists(SERVER)) {
			ca().issueServer("localhost", "127.0.0.1").writeTo(this.directory, SERVER);
			created = true;
		}
		return created;
	}

	/**
	 * Issue a client certificate, once per common name: the certificate is kept in {@code issued/}, the key is
	 * returned and never stored.
	 * @param request the names to certify
	 * @return the certificate and key, or empty when a certificate was issued for that common name before
	 */
	public Optional<IssuedCertificate> issueClient(CertificateRequest request) {
		IssuedCertificate issued = ca().issueClient(request.commonName(), request.email());
		try {
			Files.createDirectories(issuedDirectory());
			// CREATE_NEW decides atomically who gets a name, even for requests at the same time
			Files.writeString(issuedCertificate(request.commonName()), issued.certificatePem(),
					StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
			return Optional.of(issued);
		}
		catch (FileAlreadyExistsException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep the certificate issued for '" + request.commonName() + "'", ex);
		}
	}

	/** The PKI directory. */
	public Path directory() {
		return this.directory;
	}

	/** Where the certificate issued for {@code commonName} is kept. */
	public Path issuedCertificate(String commonName) {
		return issuedDirectory().resolve(commonName + ".crt");
	}

	private Path issuedDirectory() {
		return this.directory.resolve(ISSUED);
	}

	private CertificateAuthority ca() {
		if (this.ca == null) {
			try {
				this.ca = CertificateAuthority.load(Files.readString(this.directory.resolve(CA + ".crt")),
						Files.readString(this.directory.resolve(CA + ".key")));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read the CA in " + this.directory, ex);
			}
		}
		return this.ca;
	}

	private boolean exists(String baseName) {
		return Files.exists(this.directory.resolve(baseName + ".crt"))
				&& Files.exists(this.directory.resolve(baseName + ".key"));
	}

}
