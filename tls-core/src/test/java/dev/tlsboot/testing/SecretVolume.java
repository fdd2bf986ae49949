package dev.tlsboot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tlsboot.pki.IssuedCertificate;

/**
 * A directory laid out as the kubelet lays out a Kubernetes secret volume (and cert-manager's {@code tls.crt},
 * {@code tls.key}, {@code ca.crt}): each file is a symlink through {@code ..data}, itself a symlink to a timestamped
 * directory; a new version is written to a new timestamped directory, {@code ..data_tmp} is pointed at it and renamed
 * over {@code ..data} (one atomic step for every file), and the previous directory is deleted.
 * <pre>{@code
 * SecretVolume volume = new SecretVolume(tempDir);
 * volume.publish(ca.issueServer("localhost"), ca.rootCertificatePem());
 * // tls.crt -> ..data/tls.crt, ..data -> ..2026_01_01_00_00_00.1
 * }</pre>
 */
public final class SecretVolume {

	private static final String DATA = "..data";

	private final Path directory;

	private int version;

	private Path current;

	/**
	 * @param directory the volume's directory, empty or missing (it is created)
	 */
	public SecretVolume(Path directory) {
		try {
			this.directory = Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the secret volume " + directory, ex);
		}
	}

	/** The volume's directory. */
	public Path directory() {
		return this.directory;
	}

	/** A file of the volume as an application names it, e.g. {@code file("tls.crt")}. */
	public Path file(String name) {
		return this.directory.resolve(name);
	}

	/**
	 * Publish {@code tls.crt} (the chain), {@code tls.key} and, unless {@code null}, {@code ca.crt}, in one swap.
	 * @param certificate the certificate and key
	 * @param caPem the CA certificate as PEM, or {@code null} for no {@code ca.crt}
	 */
	public void publish(IssuedCertificate certificate, String caPem) {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("tls.crt", certificate.chainPem());
		files.put("tls.key", certificate.privateKeyPem());
		if (caPem != null) {
			files.put("ca.crt", caPem);
		}
		publish(files);
	}

	/**
	 * Publish these files, by name, in one swap, as the kubelet does; names that were published before and are
	 * missing now dangle, as on a real volume.
	 * @param contents each file's content
	 */
	public synchronized void publish(Map<String, String> contents) {
		try {
			Path previous = this.current;
			Path timestamped = this.directory.resolve("..2026_01_01_00_00_00." + (++this.version));
			Files.createDirectory(timestamped);
			for (Map.Entry<String, String> file : contents.entrySet()) {
				Files.writeString(timestamped.resolve(file.getKey()), file.getValue());
			}
			Path temporary = this.directory.resolve("..data_tmp");
			Files.createSymbolicLink(temporary, timestamped.getFileName());
			Files.move(temporary, this.directory.resolve(DATA), StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
			for (String name : contents.keySet()) {
				Path link = this.directory.resolve(name);
				if (!Files.isSymbolicLink(link)) {
					Files.createSymbolicLink(link, Path.of(DATA, name));
				}
			}
			this.current = timestamped;
			if (previous != null) {
				delete(previous);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot publish to the secret volume " + this.directory, ex);
		}
	}

	private static void delete(Path timestamped) throws IOException {
		try (var files = Files.list(timestamped)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		Files.delete(timestamped);
	}

}
