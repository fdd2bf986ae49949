package dev.tlsboot.autoconfigure.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.OpenSslCli;

/**
 * Debian's PostgreSQL server on 127.0.0.1, in a fresh cluster of its own: only TLS connections, each authenticated by
 * its client certificate ({@code hostssl ... cert clientcert=verify-full}, the certificate's CN is the user name).
 * PostgreSQL refuses to run as root, so a root test runs it as the {@code postgres} user. Started per test class.
 */
final class PostgresServer implements AutoCloseable {

	/** Where Debian's {@code postgresql-<version>} puts the server's binaries; {@code /usr/local/bin} may hold others. */
	private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	/** The superuser initdb makes, and the CN of the client certificates the tests present. */
	static final String USER = "app";

	private final Path bin;

	private final Path directory;

	private final List<String> asOwner;

	private final int port;

	private PostgresServer(Path bin, Path directory, List<String> asOwner, int port) {
		this.bin = bin;
		this.directory = directory;
		this.asOwner = asOwner;
		this.port = port;
	}

	/**
	 * Start one, serving {@code certificate} and trusting client certificates of the CA in {@code caPem}; skips the
	 * test class when Debian's PostgreSQL is not installed.
	 * @param directory an empty directory for the cluster and its files, which the server's user is given
	 * @throws IllegalStateException when the server does not start within the deadline
	 */
	static PostgresServer start(Path directory, IssuedCertificate certificate, String caPem) throws IOException {
		Path bin = debianBinaries();
		boolean root = "root".equals(System.getProperty("user.name"));
		PostgresServer server = new PostgresServer(bin, directory,
				root ? List.of("runuser", "-u", "postgres", "--") : List.of(), OpenSslCli.freePort());
		try {
			server.writeFiles(certificate, caPem);
			if (root) {
				server.giveToPostgres();
			}
			server.run("initdb", "-D", server.data().toString(), "-U", USER, "--no-sync", "-E", "UTF8",
					"--no-instructions");
			server.configure();
			server.run("pg_ctl", "start", "-D", server.data().toString(), "-l",
					directory.resolve("postgres.log").toString(), "-w", "-t", String.valueOf(TIMEOUT.toSeconds()));
			return server;
		}
		catch (IOException | RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	/** The newest {@code /usr/lib/postgresql/<version>/bin} with a server in it. */
	private static Path debianBinaries() throws IOException {
		List<Path> versions = new ArrayList<>();
		if (Files.isDirectory(DEBIAN_VERSIONS)) {
			try (Stream<Path> listed = Files.list(DEBIAN_VERSIONS)) {
				listed.filter((version) -> version.getFileName().toString().matches("\\d+"))
					.map((version) -> version.resolve("bin"))
					.filter((bin) -> Files.isExecutable(bin.resolve("postgres")))
					.forEach(versions::add);
			}
		}
		Assumptions.assumeFalse(versions.isEmpty(), "Debian's PostgreSQL is not installed under " + DEBIAN_VERSIONS
				+ " (apt-get install postgresql; .ci/run installs it)");
		return versions.stream()
			.max(Comparator.comparingInt((bin) -> Integer.parseInt(bin.getParent().getFileName().toString())))
			.orElseThrow();
	}

	/** A JDBC URL to this server's {@code postgres} database through {@code host}, with {@code parameters} added. */
	String url(String host, String parameters) {
		return "jdbc:postgresql://" + host + ":" + this.port + "/postgres?" + parameters;
	}

	private Path data() {
		return this.directory.resolve("data");
	}

	private void writeFiles(IssuedCertificate certificate, String caPem) throws IOException {
		Files.writeString(this.directory.resolve("server.crt"), certificate.chainPem());
		Path key = Files.writeString(this.directory.resolve("server.key"), certificate.privateKeyPem());
		// PostgreSQL refuses a key others may read
		Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
		Files.writeString(this.directory.resolve("ca.crt"), caPem);
		Files.writeString(this.directory.resolve("pg_hba.conf"),
				"hostssl all all 127.0.0.1/32 cert clientcert=verify-full\n");
		Files.createDirectory(this.directory.resolve("socket"));
	}

	private void giveToPostgres() throws IOException {
		UserPrincipal postgres = this.directory.getFileSystem()
			.getUserPrincipalLookupService()
			.lookupPrincipalByName("postgres");
		try (Stream<Path> files = Files.walk(this.directory)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Files.setOwner(file, postgres);
			}
		}
	}

	/** TLS only, on 127.0.0.1 and this port; the Unix socket in the cluster's directory, not the system's. */
	private void configure() throws IOException {
		String settings = String.join("\n", "listen_addresses = '127.0.0.1'", "port = " + this.port,
				"unix_socket_directories = '" + this.directory.resolve("socket") + "'", "ssl = on",
				"ssl_cert_file = '" + this.directory.resolve("server.crt") + "'",
				"ssl_key_file = '" + this.directory.resolve("server.key") + "'",
				"ssl_ca_file = '" + this.directory.resolve("ca.crt") + "'",
				"hba_file = '" + this.directory.resolve("pg_hba.conf") + "'", "fsync = off", "max_connections = 20",
				"shared_buffers = 16MB", "log_connections = on", "");
		Files.writeString(data().resolve("postgresql.conf"), settings, StandardOpenOption.APPEND);
	}

	/** Run one of the server's programs as the cluster's owner, within the deadline. */
	private void run(String program, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(this.asOwner);
		command.add(this.bin.resolve(program).toString());
		command.addAll(List.of(arguments));
		Path output = this.directory.resolve(program + ".out");
		Process process = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		try {
			if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(program + " did not finish within " + TIMEOUT + ": " + log(output));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IllegalStateException(program + " was interrupted", ex);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException(program + " failed (" + process.exitValue() + "): " + log(output)
					+ log(this.directory.resolve("postgres.log")));
		}
	}

	private static String log(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Stop the server, fast: open connections are closed. */
	@Override
	public void close() {
		if (Files.exists(data().resolve("postmaster.pid"))) {
			try {
				run("pg_ctl", "stop", "-D", data().toString(), "-m", "fast", "-w", "-t",
						String.valueOf(TIMEOUT.toSeconds()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

}
