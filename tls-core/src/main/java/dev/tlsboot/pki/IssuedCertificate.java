package dev.tlsboot.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import dev.tlsboot.core.material.KeyMaterial;

/**
 * A certificate with its private key and the chain up to (not including) the root, leaf first. For a CA's own
 * credentials ({@link CertificateAuthority#asIssuedCertificate()}) the chain ends with the root.
 *
 * @param keyPair the key pair the leaf certifies
 * @param chain the leaf followed by any intermediates
 */
public record IssuedCertificate(KeyPair keyPair, List<X509Certificate> chain) {

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	/** Keeps immutable copies of the lists. */
	public IssuedCertificate {
		chain = List.copyOf(chain);
	}

	/** The certificate issued. */
	public X509Certificate certificate() {
		return this.chain.get(0);
	}

	/** The key and chain, ready for a {@code TlsContext}. */
	public KeyMaterial keyMaterial() {
		return new KeyMaterial(this.keyPair.getPrivate(), this.chain);
	}

	/** The leaf as PEM. */
	public String certificatePem() {
		return Pem.write(List.of(certificate()));
	}

	/** The leaf and intermediates as one PEM bundle. */
	public String chainPem() {
		return Pem.write(this.chain);
	}

	/** The private key as unencrypted PKCS#8 PEM (a {@code PRIVATE KEY} block). */
	public String privateKeyPem() {
		return Pem.privateKey(this.keyPair.getPrivate());
	}

	/**
	 * The private key as encrypted PKCS#8 PEM (an {@code ENCRYPTED PRIVATE KEY} block): PBES2 with PBKDF2-HMAC-SHA256
	 * and AES-256-CBC, which {@code openssl pkey -passin} and the JDK read.
	 * @param password the password, not empty
	 * @return the PEM text
	 */
	public String encryptedPrivateKeyPem(char[] password) {
		return Pem.encryptedPrivateKey(this.keyPair.getPrivate(), password);
	}

	/**
	 * The key and chain as a PKCS#12 keystore written by the JDK, with one private key entry.
	 * @param alias the entry's alias
	 * @param password the store and key password
	 * @return the keystore's bytes, e.g. for a {@code .p12} file
	 */
	public byte[] pkcs12(String alias, char[] password) {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry(alias, this.keyPair.getPrivate(), password, this.chain.toArray(X509Certificate[]::new));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			store.store(out, password);
			return out.toByteArray();
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Cannot write a PKCS#12 keystore for " + this, ex);
		}
	}

	/**
	 * Write {@code baseName.crt} (the chain PEM) and {@code baseName.key} (unencrypted PKCS#8 PEM, readable by the
	 * owner only where the file system is POSIX), replacing existing files.
	 * @param directory the directory, created when missing
	 * @param baseName the file name without extension
	 */
	public void writeTo(Path directory, String baseName) {
		write(directory, baseName, privateKeyPem());
	}

	/**
	 * Like {@link #writeTo(Path, String)}, with the key encrypted as in {@link #encryptedPrivateKeyPem(char[])}.
	 * @param directory the directory, created when missing
	 * @param baseName the file name without extension
	 * @param password the key's password, not empty
	 */
	public void writeTo(Path directory, String baseName, char[] password) {
		write(directory, baseName, encryptedPrivateKeyPem(password));
	}

	private void write(Path directory, String baseName, String keyPem) {
		try {
			Files.createDirectories(directory);
			Files.writeString(directory.resolve(baseName + ".crt"), chainPem());
			Path key = directory.resolve(baseName + ".key");
			Files.deleteIfExists(key);
			// Created with its final permissions, so the key is never readable by others, not even briefly.
			if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
				Files.createFile(key, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
			}
			Files.writeString(key, keyPem);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + baseName + ".crt and .key to " + directory, ex);
		}
	}

	@Override
	public String toString() {
		return "IssuedCertificate[" + certificate().getSubjectX500Principal().getName() + "]";
	}

}
