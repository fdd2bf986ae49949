package dev.tlsboot.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import dev.tlsboot.pki.IssuedCertificate;

/**
 * A private key and its certificate as PEM, as the certificate request service hands them out.
 *
 * @param privateKeyPem the key, unencrypted PKCS#8 (a {@code PRIVATE KEY} block)
 * @param certificatePem the certificate
 */
public record Credentials(String privateKeyPem, String certificatePem) {

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	/**
	 * @param issued a certificate just issued, with its key
	 * @return its key and certificate as PEM
	 */
	public static Credentials of(IssuedCertificate issued) {
		return new Credentials(issued.privateKeyPem(), issued.certificatePem());
	}

	/**
	 * Write {@code certificateFile} and {@code keyFile}, the key readable by the owner only where the file system
	 * knows owners, replacing files that exist.
	 * @param certificateFile where the certificate goes
	 * @param keyFile where the key goes
	 * @throws IOException when a file cannot be written
	 */
	public void save(Path certificateFile, Path keyFile) throws IOException {
		Files.createDirectories(keyFile.toAbsolutePath().getParent());
		Files.deleteIfExists(keyFile);
		// Created with its final permissions, so the key is never readable by others, not even briefly.
		if (keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
		}
		Files.writeString(keyFile, this.privateKeyPem);
		Files.createDirectories(certificateFile.toAbsolutePath().getParent());
		Files.writeString(certificateFile, this.certificatePem);
	}

	@Override
	public String toString() {
		return "Credentials[key hidden, " + this.certificatePem.length() + " characters of certificate PEM]";
	}

}
