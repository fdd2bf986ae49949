package dev.tlsboot.core.acme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.material.KeyMaterial;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.pki.KeyType;

/**
 * The storage directory: the account key, the certificate chain and key the context serves, the lock that lets
 * one of several instances sharing the directory order at a time, and the pending http-01 answers, which any of
 * them may be asked for. Everything is owner-only, and files are replaced
 * by a rename, so a reader (another instance, the file watcher) never sees half a file.
 */
final class AcmeStorage {

	/** The issuer of the certificate served until the first one arrives, by which it is told from a real one. */
	static final String PLACEHOLDER_ISSUER = "TLS Boot ACME placeholder";

	private static final String ACCOUNT_KEY = "account.key";

	private static final String LOCK = "order.lock";

	/** Where pending http-01 key authorizations are kept, one file per token, for every instance to answer. */
	private static final String CHALLENGES = "challenges";

	/** What a token is made of (base64url, RFC 8555 8.1): never a path that leaves the challenges directory. */
	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,256}");

	/** Locks this JVM holds: a second channel on a locked file, once closed, would release the first's lock. */
	private static final Set<Path> heldHere = ConcurrentHashMap.newKeySet();

	private final AcmeSettings settings;

	AcmeStorage(AcmeSettings settings) {
		this.settings = settings;
	}

	/**
	 * Make sure the context has something to serve: the stored certificate, else a placeholder for the domains. An
	 * expired one is replaced too: a context is never built on a certificate every client refuses.
	 */
	void ensureCertificate() {
		KeyMaterial stored = stored();
		if (stored != null && stored.leaf().getNotAfter().toInstant().isAfter(Instant.now())) {
			return;
		}
		CertificateAuthority placeholderIssuer = CertificateAuthority.root(PLACEHOLDER_ISSUER, KeyType.EC_P256,
				Duration.ofDays(30));
		IssuedCertificate placeholder = placeholderIssuer.issue()
			.commonName(this.settings.domains().get(0))
			.subjectAltNames(this.settings.domains().toArray(String[]::new))
			.serverAuth()
			.validity(Duration.ofDays(30))
			.build();
		write(placeholder.chainPem(), placeholder.privateKeyPem());
	}

	/** The stored certificate and key, or {@code null} when missing or unreadable. */
	@Nullable KeyMaterial stored() {
		try {
			if (!Files.exists(this.settings.certificateFile()) || !Files.exists(this.settings.keyFile())) {
				return null;
			}
			return KeyMaterial.fromPem(Files.readString(this.settings.certificateFile()),
					Files.readString(this.settings.keyFile()), null);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	static boolean isPlaceholder(X509Certificate leaf) {
		return leaf.getIssuerX500Principal().getName().contains("CN=" + PLACEHOLDER_ISSUER);
	}

	/** Store a certificate chain (leaf first) and its key, key first: the chain is what tells that both changed. */
	void write(List<X509Certificate> chain, KeyPair key) {
		IssuedCertificate issued = new IssuedCertificate(key, chain);
		write(issued.chainPem(), issued.privateKeyPem());
	}

	private void write(String chainPem, String keyPem) {
		replace(this.settings.keyFile(), keyPem);
		replace(this.settings.certificateFile(), chainPem);
	}

	/**
	 * The account key (EC P-256), made on first use and kept as its PKCS#8 private and X.509 public PEM blocks, so
	 * that the pair is read back without deriving the public key.
	 */
	KeyPair accountKey() {
		Path file = file(ACCOUNT_KEY);
		try {
			if (Files.exists(file)) {
				String pem = Files.readString(file);
				KeyFactory keys = KeyFactory.getInstance("EC");
				return new KeyPair(keys.generatePublic(new X509EncodedKeySpec(pemBlock(pem, "PUBLIC KEY"))),
						keys.generatePrivate(new PKCS8EncodedKeySpec(pemBlock(pem, "PRIVATE KEY"))));
			}
			KeyPair created = KeyType.EC_P256.generate();
			replace(file, pem("PRIVATE KEY", created.getPrivate().getEncoded())
					+ pem("PUBLIC KEY", created.getPublic().getEncoded()));
			return created;
		}
		catch (IOException | GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("Cannot keep the ACME account key in " + file
					+ " (delete it to register a new account)", ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private static byte[] pemBlock(String pem, String type) {
		String begin = "-----BEGIN " + type + "-----";
		int start = pem.indexOf(begin);
		int end = pem.indexOf("-----END " + type + "-----");
		if (start < 0 || end < start) {
			throw new IllegalArgumentException("no " + type + " block");
		}
		return Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
	}

	/** Publish the key authorization of a pending http-01 challenge, for the listener of every instance. */
	void publishChallenge(String token, String authorization) {
		replace(challengeFile(token), authorization);
	}

	void withdrawChallenge(String token) {
		try {
			Files.deleteIfExists(challengeFile(token));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot remove the ACME challenge " + token, ex);
		}
	}

	/** The key authorization published for {@code token}, empty when none is pending (or it is no token). */
	Optional<String> challenge(String token) {
		if (!TOKEN.matcher(token).matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(Files.readString(challengeFile(token), StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private Path challengeFile(String token) {
		if (!TOKEN.matcher(token).matches()) {
			throw new IllegalArgumentException("'" + token + "' is no ACME token");
		}
		return file(CHALLENGES).resolve(token);
	}

	/**
	 * Take the order lock, or learn that another instance (or manager) holds it.
	 * @return the lock to close when done, or {@code null} when someone else orders
	 */
	@Nullable AutoCloseable tryLock() {
		Path file = file(LOCK).toAbsolutePath();
		if (!heldHere.add(file)) {
			return null;
		}
		try {
			FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock lock = tryLock(channel);
			if (lock == null) {
				channel.close();
				heldHere.remove(file);
				return null;
			}
			return () -> {
				try (channel) {
					lock.release();
				}
				finally {
					heldHere.remove(file);
				}
			};
		}
		catch (IOException ex) {
			heldHere.remove(file);
			throw new UncheckedIOException("Cannot lock " + file, ex);
		}
	}

	private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			return null;
		}
	}

	private Path file(String name) {
		return this.settings.storage().resolve(name);
	}

	/** Write {@code content} to a new owner-only file beside {@code target}, then rename it over {@code target}. */
	private void replace(Path target, String content) {
		try {
			Path directory = target.toAbsolutePath().getParent();
			createDirectory(directory);
			Path temporary = Files.createTempFile(directory, ".tls-acme-", ".tmp", ownerOnly(directory, "rw-------"));
			try {
				Files.writeString(temporary, content);
				try {
					Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				}
				catch (AtomicMoveNotSupportedException ex) {
					Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + target, ex);
		}
	}

	private static void createDirectory(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			try {
				Files.createDirectories(directory, ownerOnly(directory, "rwx------"));
			}
			catch (FileAlreadyExistsException ex) {
				// made by another instance meanwhile
			}
		}
	}

	private static FileAttribute<?>[] ownerOnly(Path path, String permissions) {
		return path.getFileSystem().supportedFileAttributeViews().contains("posix")
				? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)) }
				: new FileAttribute<?>[0];
	}

}
