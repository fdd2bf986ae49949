package dev.tlsboot.core.revocation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * nginx as a child process on 127.0.0.1, serving TLS with a configuration of the test's ({@code -c}), in the
 * foreground ({@code daemon off}), its pid file, logs and temporary files in a directory of the test's.
 */
final class Nginx implements AutoCloseable {

	private static final long TIMEOUT_SECONDS = 10;

	private final Process process;

	private final int port;

	private final Path directory;

	private Nginx(Process process, int port, Path directory) {
		this.process = process;
		this.port = port;
		this.directory = directory;
	}

	/** Skip the test unless nginx runs (Debian's {@code nginx}). */
	static void assumeAvailable() {
		boolean runs;
		try {
			Process version = new ProcessBuilder("nginx", "-v").redirectErrorStream(true).start();
			runs = version.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && version.exitValue() == 0;
		}
		catch (IOException ex) {
			runs = false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			runs = false;
		}
		assumeTrue(runs, "nginx is not on the PATH: interop test skipped (apt-get install nginx)");
	}

	/**
	 * Start nginx serving {@code server} (the directives of one {@code server} block, {@code listen} added) and wait
	 * until it accepts connections.
	 * @param directory a directory of its own
	 * @param port the port on 127.0.0.1
	 * @param server the server block's directives
	 * @return the running nginx; close it to stop it
	 */
	static Nginx start(Path directory, int port, String server) throws IOException, InterruptedException {
		Files.createDirectories(directory.resolve("temp"));
		Path configuration = directory.resolve("nginx.conf");
		String temp = directory.resolve("temp").toString();
		Files.writeString(configuration, """
				daemon off;
				worker_processes 1;
				pid %1$s/nginx.pid;
				error_log %1$s/error.log info;
				events { worker_connections 64; }
				http {
				  access_log off;
				  client_body_temp_path %2$s; proxy_temp_path %2$s; fastcgi_temp_path %2$s;
				  uwsgi_temp_path %2$s; scgi_temp_path %2$s;
				  server {
				    listen 127.0.0.1:%3$d ssl;
				    %4$s
				    location / { return 200 "nginx\\n"; }
				  }
				}
				""".formatted(directory, temp, port, server));
		Process process = new ProcessBuilder("nginx", "-p", directory.toString(), "-e",
				directory.resolve("error.log").toString(), "-c", configuration.toString())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("output.log").toFile())
			.start();
		Nginx nginx = new Nginx(process, port, directory);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
		while (System.nanoTime() < deadline && process.isAlive()) {
			try (Socket probe = new Socket()) {
				probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
				return nginx;
			}
			catch (IOException ex) {
				Thread.sleep(50);
			}
		}
		nginx.close();
		throw new AssertionError("nginx did not start: " + nginx.log());
	}

	int port() {
		return this.port;
	}

	/** Its output and error log. */
	String log() {
		try {
			return Files.readString(this.directory.resolve("output.log")) + Files.readString(
					this.directory.resolve("error.log"));
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
	}

}
