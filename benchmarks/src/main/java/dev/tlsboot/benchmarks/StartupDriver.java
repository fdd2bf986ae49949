package dev.tlsboot.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import dev.tlsboot.benchmarks.Case.Contender;
import dev.tlsboot.benchmarks.Case.Opener;
import dev.tlsboot.benchmarks.Case.Unit;

/**
 * Startup: how long it takes to build a server context (key, chain and a trusted CA) from PEM files. Cold is the
 * first build in a fresh JVM, timed inside it from just before the build (the JVM's own start is not counted): one
 * forked JVM, with default flags, per iteration. Warm is the median build time of repeated builds in this JVM. The
 * baseline reads the same files with the JDK alone.
 * <p>
 * Time to a refreshed Spring context with and without the starter plugs in as two more {@link Task}s and one more
 * case in {@link #cases}, forked like the cold case.
 */
final class StartupDriver {

	/** How long a forked JVM may take. */
	private static final long FORK_TIMEOUT_SECONDS = 60;

	private StartupDriver() {
	}

	/** The startup cases, with {@code credentials}' server certificate in PEM files. */
	static List<Case> cases(Credentials credentials) throws IOException {
		Path pem = Files.createTempDirectory("tls-boot-benchmark-");
		credentials.writeServerPem(pem);
		return List.of(
				new Case("startup", "server context from PEM, cold", Unit.MILLISECONDS,
						contenders((task) -> () -> new ColdTrial(task, pem))),
				new Case("startup", "server context from PEM, warm", Unit.MILLISECONDS,
						contenders((task) -> () -> new WarmTrial(task, pem))));
	}

	private static List<Contender> contenders(Function<Task, Opener> opener) {
		return Arrays.stream(Task.values())
			.map((task) -> Contender.of(task.implementation, opener.apply(task)))
			.toList();
	}

	/**
	 * The fresh JVM of a cold sample: runs one task once and prints how long it took, in nanoseconds.
	 * @param args the {@link Task}'s name and the directory of the PEM files
	 */
	public static void main(String[] args) throws Exception {
		Task task = Task.valueOf(args[0]);
		Path directory = Path.of(args[1]);
		long start = System.nanoTime();
		task.start.run(directory);
		System.out.println(System.nanoTime() - start);
	}

	/** What is started, by which implementation. */
	enum Task {

		/** The JDK alone: CertificateFactory, KeyFactory, keystores, KeyManagerFactory, TrustManagerFactory. */
		RAW_JDK(Implementation.RAW_JDK, RawJdk::fromPem),

		/** {@code TlsContext.create} with {@code certfile}, {@code keyfile} and {@code cafile}. */
		TLS_BOOT(Implementation.TLS_BOOT, TlsBoot::fromPem);

		private final Implementation implementation;

		private final Start start;

		Task(Implementation implementation, Start start) {
			this.implementation = implementation;
			this.start = start;
		}

	}

	/** Starts something from the PEM files in a directory. */
	@FunctionalInterface
	interface Start {

		Object run(Path directory) throws Exception;

	}

	/** One forked JVM per run; the budget does not apply, a fork is one operation. */
	private record ColdTrial(Task task, Path directory) implements Trial {

		@Override
		public Sample run(Budget budget) throws IOException, InterruptedException, TimeoutException {
			Process fork = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-cp", System.getProperty("java.class.path"), StartupDriver.class.getName(), this.task.name(),
					this.directory.toString())
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			if (!fork.waitFor(FORK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				fork.destroyForcibly();
				throw new TimeoutException("The forked JVM did not finish within " + FORK_TIMEOUT_SECONDS + " s");
			}
			String output = new String(fork.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
			if (fork.exitValue() != 0) {
				throw new IllegalStateException("The forked JVM exited with " + fork.exitValue() + ": " + output);
			}
			return new Sample(Long.parseLong(output) / 1e6, 1);
		}

		@Override
		public String detail() {
			return "a fresh JVM per iteration";
		}

	}

	/** Repeated builds in this JVM; a run's figure is the median of its builds. */
	private static final class WarmTrial implements Trial {

		private final Task task;

		private final Path directory;

		private long builds;

		WarmTrial(Task task, Path directory) {
			this.task = task;
			this.directory = directory;
		}

		@Override
		public Sample run(Budget budget) throws Exception {
			List<Double> millis = new ArrayList<>();
			long start = System.nanoTime();
			while (budget.allows(start, millis.size())) {
				long began = System.nanoTime();
				this.task.start.run(this.directory);
				millis.add((System.nanoTime() - began) / 1e6);
			}
			this.builds += millis.size();
			return new Sample(Runner.median(millis), millis.size());
		}

		@Override
		public String detail() {
			return this.builds + " builds";
		}

	}

}
