package dev.tlsboot.core.cipher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code openssl} command line, when there is one, as the reference for cipher strings. */
public final class OpenSslCli {

	private OpenSslCli() {
	}

	/** Whether {@code openssl version} runs. */
	public static boolean available() {
		try {
			return run("version").startsWith("OpenSSL 3");
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	/**
	 * The standard names that {@code openssl ciphers -stdname} prints for a string, TLS 1.3 suites included.
	 * @param options more options, e.g. {@code -s}, before the string
	 */
	public static List<String> ciphers(String cipherString, String... options) {
		List<String> arguments = new ArrayList<>(List.of("ciphers", "-stdname"));
		arguments.addAll(Arrays.asList(options));
		arguments.add(cipherString);
		return run(arguments.toArray(String[]::new)).lines().map((line) -> line.split("\\s+")[0]).toList();
	}

	private static String run(String... arguments) {
		List<String> command = new ArrayList<>(List.of("openssl"));
		command.addAll(Arrays.asList(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(command + " failed: " + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException(command + " did not run", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(command + " was interrupted", ex);
		}
	}

}
