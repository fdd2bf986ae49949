package dev.tlsboot.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code openssl} and the JDK's {@code keytool} for interoperability checks. */
final class Tools {

	static final String OPENSSL = "openssl";

	static final String KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();

	static final boolean OPENSSL_AVAILABLE = available(OPENSSL, "version");

	static final boolean KEYTOOL_AVAILABLE = available(KEYTOOL, "-help");

	private Tools() {
	}

	/** Run a command in {@code directory}; stderr is merged into the output. */
	static Result run(Path directory, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("Timed out: " + List.of(command));
		}
		return new Result(process.exitValue(), output);
	}

	private static boolean available(String... command) {
		try {
			return run(Path.of("."), command).exitCode() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** What a command printed and how it ended. */
	record Result(int exitCode, String output) {

	}

}
