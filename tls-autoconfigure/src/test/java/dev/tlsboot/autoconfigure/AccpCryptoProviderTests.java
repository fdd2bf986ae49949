package dev.tlsboot.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.tlsboot.core.CryptoImplementation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tls.crypto-provider=accp}, each test in a child JVM of its own ({@link AccpChild}): ACCP as the first JCA
 * provider would change every other test's crypto in the JVM they share. This JVM never loads ACCP's native code.
 */
class AccpCryptoProviderTests {

	private static final long TIMEOUT_SECONDS = 60;

	/**
	 * The JDK's TLS asks the JCA by algorithm name for each handshake, so what {@code getInstance} returns after the
	 * install is what the handshake used: ECDSA signatures, P-256 ECDH, AES-GCM. (ACCP 2.5 has no XDH: an X25519
	 * key share stays with SunEC; the child prints it and this test does not hold it either way.)
	 */
	@Test
	void accpIsInstalledFirstAndServesTheJdksTls13Handshake() {
		String output = runChild(classpath(true));
		Assumptions.assumeFalse(output.contains("does not load on this platform")
				|| output.contains("is not healthy on this platform"), () -> "ACCP cannot load here: " + output);
		assertThat(output).doesNotContain("failed:")
			.contains("first JCA provider: AmazonCorrettoCryptoProvider")
			.contains("ECDH: AmazonCorrettoCryptoProvider")
			.contains("SHA256withECDSA: AmazonCorrettoCryptoProvider")
			.contains("AES/GCM/NoPadding: AmazonCorrettoCryptoProvider")
			.contains("protocol: TLSv1.3")
			.containsPattern("endpoint cryptoProvider: AmazonCorrettoCryptoProvider 2\\.5\\.0 \\(AWS-LC v[0-9.]+\\)")
			.contains("endpoint name: SunJSSE")
			.containsPattern("TLS crypto: AmazonCorrettoCryptoProvider 2\\.5\\.0 .* is now the first JCA provider "
					+ "\\(tls\\.crypto-provider=accp, for the whole JVM\\)");
		assertThat(output.split("is now the first JCA provider", -1)).as("logged once").hasSize(2);
	}

	@Test
	void accpMissingFromTheClasspathStopsStartupNamingThePropertyAndTheDependency() {
		String output = runChild(classpath(false));
		assertThat(output).contains("failed: ")
			.contains("Property: tls.crypto-provider")
			.contains("Reason: ACCP is not on the classpath (software.amazon.cryptools:AmazonCorrettoCryptoProvider")
			.contains("Add software.amazon.cryptools:AmazonCorrettoCryptoProvider:2.5.0 with the classifier of this "
					+ "platform (")
			.contains("or remove 'tls.crypto-provider' to keep the JDK's own crypto.")
			.doesNotContain("first JCA provider:");
	}

	@Test
	void theDefaultLeavesThisJvmsProvidersAlone() {
		assertThat(new TlsProperties().getCryptoProvider()).isEqualTo(CryptoImplementation.JDK);
		assertThat(CryptoImplementation.JDK.isInstalled()).isTrue();
		assertThat(CryptoImplementation.first().getName()).isNotEqualTo("AmazonCorrettoCryptoProvider");
	}

	private static List<String> classpath(boolean withAccp) {
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> entries = Arrays.stream(classpath.split(File.pathSeparator))
			.filter((entry) -> !entry.isBlank())
			.filter((entry) -> withAccp || !Path.of(entry).getFileName().toString().startsWith("AmazonCorretto"))
			.toList();
		assertThat(entries).as("ACCP on the test classpath")
			.anyMatch((entry) -> entry.contains("AmazonCorrettoCryptoProvider") == withAccp);
		return entries;
	}

	private static String runChild(List<String> classpath) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Djava.net.preferIPv4Stack=true");
		command.add("-Xshare:auto");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-cp");
		command.add(String.join(File.pathSeparator, classpath));
		command.add(AccpChild.class.getName());
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("The child JVM did not finish in " + TIMEOUT_SECONDS + " s: "
						+ output.getNow("(no output yet)"));
			}
			String text = output.get(10, TimeUnit.SECONDS);
			System.out.println(text.lines().filter((line) -> !line.isBlank()).collect(Collectors.joining("\n")));
			assertThat(process.exitValue()).as("child exit status; output:%n%s", text).isZero();
			return text;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	private static String read(InputStream in) {
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			in.transferTo(bytes);
			return bytes.toString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
