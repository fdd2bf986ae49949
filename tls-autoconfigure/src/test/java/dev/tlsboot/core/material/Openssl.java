package dev.tlsboot.core.material;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code openssl} command line tool for interoperability tests, which skip when it is not installed.
 */
final class Openssl {

	/** Whether {@code openssl} runs on this machine. */
	static final boolean AVAILABLE = probe();

	private Openssl() {
	}

	/**
	 * Run openssl in a directory.
	 * @param directory the working directory
	 * @param arguments the arguments after {@code openssl}
	 * @return standard output
	 */
	static String run(Path directory, String... arguments) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command(arguments)).directory(directory.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("openssl " + String.join(" ", arguments) + " failed:\n" + output);
		}
		return output;
	}

	private static List<String> command(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add("openssl");
		command.addAll(List.of(arguments));
		return command;
	}

	private static boolean probe() {
		try {
			run(Path.of("."), "version");
			return true;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
