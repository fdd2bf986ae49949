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
import java.util.stream.Collectors;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

import dev.tlsboot.benchmarks.Case.Contender;
import dev.tlsboot.benchmarks.Case.Opener;
import dev.tlsboot.benchmarks.Case.Unit;
import dev.tlsboot.benchmarks.app.StartupApplication;

/**
 * Startup: how long it takes to build a server context (key, chain and a trusted CA) from PEM files, and to refresh
 * a Spring Boot application with and without TLS Boot. Cold is the first build in a fresh JVM, timed inside it from
 * just before the build (the JVM's own start is not counted): one forked JVM, with default flags, per iteration.
 * Warm is the median build time of repeated builds in this JVM. The baseline reads the same files with the JDK
 * alone.
 * <p>
 * The Spring case runs {@link StartupApplication} (non-web, nothing of its own) in a fresh JVM until
 * {@code SpringApplication.run} returns the refreshed context: with {@code tls.certfile}, {@code tls.keyfile} and
 * {@code tls.cafile} set and every TLS Boot auto-configuration in {@code spring.autoconfigure.exclude} (listed here,
 * from the auto-configuration imports, not in the timed JVM), the baseline; with TLS Boot and no {@code tls.*}
 * property; without TLS Boot, making the SSLContext of Spring Boot's own SSL bundle of the PEM files at startup, which
 * is what any TLS from PEM costs; and with TLS Boot building its default context from the PEM files.
 */
final class StartupDriver {

	/** The name of the case that refreshes a Spring Boot application. */
	static final String SPRING_CASE = "Spring Boot application refreshed, cold";

	/** How long a forked JVM may take. */
	private static final long FORK_TIMEOUT_SECONDS = 60;

	private StartupDriver() {
	}

	/** The startup cases, with {@code credentials}' server certificate in PEM files. */
	static List<Case> cases(Credentials credentials) throws IOException {
		Path pem = Files.createTempDirectory("tls-boot-benchmark-");
		credentials.writeServerPem(pem);
		List<Task> context = List.of(Task.RAW_JDK, Task.TLS_BOOT);
		return List.of(
				new Case("startup", "server context from PEM, cold", Unit.MILLISECONDS,
						contenders(context, (task) -> () -> new ColdTrial(task, pem))),
				new Case("startup", "server context from PEM, warm", Unit.MILLISECONDS,
						contenders(context, (task) -> () -> new WarmTrial(task, pem))),
				new Case("startup", SPRING_CASE, Unit.MILLISECONDS,
						contenders(List.of(Task.SPRING_WITHOUT_TLS_BOOT, Task.SPRING_WITH_TLS_BOOT_UNCONFIGURED,
								Task.SPRING_SSL_BUNDLE, Task.SPRING_WITH_TLS_BOOT),
								(task) -> () -> new ColdTrial(task, pem))));
	}

	private static List<Contender> contenders(List<Task> tasks, Function<Task, Opener> opener) {
		return tasks.stream()
			.map((task) -> new Contender(task.implementation.key(), task.label(), opener.apply(task)))
			.toList();
	}

	/**
	 * The arguments of every Spring task: no web server, no banner, warnings only, then {@code properties} and
	 * {@code more}.
	 */
	private static List<String> springArguments(List<String> properties, List<String> more) {
		List<String> arguments = new ArrayList<>(List.of("--spring.main.web-application-type=none",
				"--spring.main.banner-mode=off", "--logging.level.root=warn"));
		arguments.addAll(properties);
		arguments.addAll(more);
		return arguments;
	}

	/** {@code tls.certfile}, {@code tls.keyfile} and {@code tls.cafile}: the PEM files, as Spring arguments. */
	private static List<String> pemProperties(Path directory) {
		return List.of("--tls.certfile=file:" + directory.resolve("server.crt"),
				"--tls.keyfile=file:" + directory.resolve("server.key"),
				"--tls.cafile=file:" + directory.resolve("ca.crt"));
	}

	/**
	 * The PEM files as Spring Boot's own SSL bundle {@code benchmark}, and {@code benchmark.ssl-bundle} naming it, so
	 * that the application's {@code SslBundleContext} makes its SSLContext at startup.
	 */
	private static List<String> sslBundleProperties(Path directory) {
		String bundle = "--spring.ssl.bundle.pem.benchmark.";
		return List.of(bundle + "keystore.certificate=file:" + directory.resolve("server.crt"),
				bundle + "keystore.private-key=file:" + directory.resolve("server.key"),
				bundle + "truststore.certificate=file:" + directory.resolve("ca.crt"),
				"--benchmark.ssl-bundle=benchmark");
	}

	/** Every TLS Boot auto-configuration, as {@code spring.autoconfigure.exclude} takes them. */
	private static String excludeTlsBoot() {
		return "--spring.autoconfigure.exclude="
				+ ImportCandidates.load(AutoConfiguration.class, StartupDriver.class.getClassLoader())
					.getCandidates()
					.stream()
					.filter((candidate) -> candidate.startsWith("dev.tlsboot."))
					.collect(Collectors.joining(","));
	}

	/**
	 * The fresh JVM of a cold sample: runs one task once, prints how long it took, in nanoseconds, and closes what it
	 * started (a Spring context).
	 * @param args the {@link Task}'s name, the directory of the PEM files, and the task's arguments
	 */
	public static void main(String[] args) throws Exception {
		Task task = Task.valueOf(args[0]);
		Path directory = Path.of(args[1]);
		String[] arguments = Arrays.copyOfRange(args, 2, args.length);
		long start = System.nanoTime();
		Object started = task.start.run(directory, arguments);
		System.out.println(System.nanoTime() - start);
		if (started instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	/** What is started, by which implementation. */
	enum Task {

		/** The JDK alone: CertificateFactory, KeyFactory, keystores, KeyManagerFactory, TrustManagerFactory. */
		RAW_JDK(Implementation.RAW_JDK, null, (directory, arguments) -> RawJdk.fromPem(directory),
				(directory) -> List.of()),

		/** {@code TlsContext.create} with {@code certfile}, {@code keyfile} and {@code cafile}. */
		TLS_BOOT(Implementation.TLS_BOOT, null, (directory, arguments) -> TlsBoot.fromPem(directory),
				(directory) -> List.of()),

		/** The Spring Boot application with every TLS Boot auto-configuration excluded: the baseline. */
		SPRING_WITHOUT_TLS_BOOT(Implementation.RAW_JDK, "Spring Boot, TLS Boot excluded", Task::refresh,
				(directory) -> springArguments(pemProperties(directory), List.of(excludeTlsBoot()))),

		/** The Spring Boot application with TLS Boot and no {@code tls.*} property: what the starter alone adds. */
		SPRING_WITH_TLS_BOOT_UNCONFIGURED(Implementation.TLS_BOOT, "Spring Boot with TLS Boot, no tls.* set",
				Task::refresh, (directory) -> springArguments(List.of(), List.of())),

		/**
		 * The Spring Boot application without TLS Boot, making an SSLContext from Spring Boot's own SSL bundle of the
		 * PEM files at startup: the JSSE start any TLS from PEM pays, next to TLS Boot's.
		 */
		SPRING_SSL_BUNDLE(Implementation.RAW_JDK, "Spring Boot's own SSL bundle from PEM, TLS Boot excluded",
				Task::refresh,
				(directory) -> springArguments(sslBundleProperties(directory), List.of(excludeTlsBoot()))),

		/** The Spring Boot application with TLS Boot building its default context from the PEM files. */
		SPRING_WITH_TLS_BOOT(Implementation.TLS_BOOT, "Spring Boot with TLS Boot, context from PEM", Task::refresh,
				(directory) -> springArguments(pemProperties(directory), List.of()));

		private final Implementation implementation;

		private final String name;

		private final Start start;

		private final Function<Path, List<String>> arguments;

		Task(Implementation implementation, String name, Start start, Function<Path, List<String>> arguments) {
			this.implementation = implementation;
			this.name = name;
			this.start = start;
			this.arguments = arguments;
		}

		/** The name in the report: the implementation's, or the task's own under the implementation's letter. */
		String label() {
			return (this.name != null) ? "(" + this.implementation.key() + ") " + this.name
					: this.implementation.label();
		}

		/** The arguments the forked JVM passes on to {@link #start}, made in this JVM so that they are not timed. */
		List<String> arguments(Path directory) {
			return this.arguments.apply(directory);
		}

		private static Object refresh(Path directory, String[] arguments) {
			return SpringApplication.run(StartupApplication.class, arguments);
		}

	}

	/** Starts something from the PEM files in a directory. */
	@FunctionalInterface
	interface Start {

		Object run(Path directory, String[] arguments) throws Exception;

	}

	/** One forked JVM per run; the budget does not apply, a fork is one operation. */
	private record ColdTrial(Task task, Path directory) implements Trial {

		@Override
		public Sample run(Budget budget) throws IOException, InterruptedException, TimeoutException {
			List<String> command = new ArrayList<>(List.of(
					Environment.java(), "-cp",
					System.getProperty("java.class.path"), StartupDriver.class.getName(), this.task.name(),
					this.directory.toString()));
			command.addAll(this.task.arguments(this.directory));
			Process fork = new ProcessBuilder(command)
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
				this.task.start.run(this.directory, new String[0]);
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
