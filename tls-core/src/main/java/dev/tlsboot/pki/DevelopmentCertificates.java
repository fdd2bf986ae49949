package dev.tlsboot.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.tlsboot.core.material.KeyMaterial;

/**
 * A local CA and a server certificate for development, kept in a directory and reused across starts: created on
 * first use, the server certificate issued again when it nears its end or no longer names every host. Files:
 * {@code ca.crt}, {@code ca.key}, {@code server.crt} (with the CA's chain) and {@code server.key}; keys readable by
 * the owner only.
 */
public final class DevelopmentCertificates {

	private static final String CA = "ca";

	private static final String SERVER = "server";

	private final Path directory;

	private final Set<String> hostNames;

	private final Duration renewBefore;

	/**
	 * @param directory where the files live, created when missing
	 * @param extraHostNames names beyond {@code localhost}, {@code 127.0.0.1}, {@code ::1} and this machine's name
	 * @param renewBefore how long before its end the server certificate is issued again
	 */
	public DevelopmentCertificates(Path directory, Collection<String> extraHostNames, Duration renewBefore) {
		this.directory = Objects.requireNonNull(directory, "directory");
		this.hostNames = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
		String machine = machineName();
		if (machine != null) {
			this.hostNames.add(machine);
		}
		this.hostNames.addAll(extraHostNames);
		this.renewBefore = renewBefore;
	}

	/** What {@link #ensure()} did. */
	public enum Outcome {

		/** A new CA and server certificate were created. */
		CREATED,
		/** The server certificate was issued again by the existing CA. */
		RENEWED,
		/** The files were fine and are used as they are. */
		REUSED

	}

	/**
	 * Make sure a usable CA and server certificate are in the directory.
	 * @return what had to be done
	 */
	public Outcome ensure() {
		try {
			Files.createDirectories(this.directory);
			if (!Files.exists(file(CA + ".crt")) || !Files.exists(file(CA + ".key"))) {
				CertificateAuthority ca = CertificateAuthority.root("TLS Boot Development CA (" + owner() + ")");
				ca.asIssuedCertificate().writeTo(this.directory, CA);
				issueServer(ca);
				return Outcome.CREATED;
			}
			if (needsNewServerCertificate()) {
				issueServer(CertificateAuthority.load(Files.readString(file(CA + ".crt")),
						Files.readString(file(CA + ".key"))));
				return Outcome.RENEWED;
			}
			return Outcome.REUSED;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep development certificates in " + this.directory, ex);
		}
	}

	/** The CA certificate to trust: {@code curl --cacert}, {@code keytool -importcert}, a browser. */
	public Path caCertificate() {
		return file(CA + ".crt");
	}

	/** The server certificate chain. */
	public Path serverCertificate() {
		return file(SERVER + ".crt");
	}

	/** The server key. */
	public Path serverKey() {
		return file(SERVER + ".key");
	}

	/** The names the server certificate is issued for. */
	public Set<String> hostNames() {
		return Set.copyOf(this.hostNames);
	}

	private boolean needsNewServerCertificate() throws IOException {
		if (!Files.exists(serverCertificate()) || !Files.exists(serverKey())) {
			return true;
		}
		X509Certificate leaf;
		try {
			leaf = KeyMaterial.fromPem(Files.readString(serverCertificate()), Files.readString(serverKey()),
					null).leaf();
		}
		catch (RuntimeException ex) {
			// Unreadable or mismatched: a development certificate is cheap to issue again.
			return true;
		}
		boolean nearEnd = leaf.getNotAfter().toInstant().isBefore(Instant.now().plus(this.renewBefore));
		return nearEnd || !namesEveryHost(leaf);
	}

	private boolean namesEveryHost(X509Certificate leaf) {
		try {
			List<String> names = new ArrayList<>();
			if (leaf.getSubjectAlternativeNames() != null) {
				leaf.getSubjectAlternativeNames().forEach((entry) -> names.add(String.valueOf(entry.get(1))));
			}
			return this.hostNames.stream().allMatch((host) -> names.stream().anyMatch((name) -> sameHost(name, host)));
		}
		catch (CertificateParsingException ex) {
			return false;
		}
	}

	/** IPv6 literals come back from the JDK in full form ({@code 0:0:0:0:0:0:0:1}). */
	private static boolean sameHost(String name, String host) {
		if (name.equalsIgnoreCase(host)) {
			return true;
		}
		try {
			return (host.contains(":") || host.matches("[0-9.]+"))
					&& InetAddress.getByName(host).equals(InetAddress.getByName(name));
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private void issueServer(CertificateAuthority ca) {
		ca.issueServer(this.hostNames.toArray(String[]::new)).writeTo(this.directory, SERVER);
	}

	private Path file(String name) {
		return this.directory.resolve(name);
	}

	private static String owner() {
		String user = System.getProperty("user.name", "developer");
		String machine = machineName();
		return (machine != null) ? user + "@" + machine : user;
	}

	private static String machineName() {
		try {
			String name = InetAddress.getLocalHost().getHostName();
			return (name == null || name.isBlank() || name.equals("localhost")) ? null : name;
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
