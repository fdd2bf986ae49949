package dev.tlsboot.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.netty.handler.ssl.OpenSsl;
import org.conscrypt.Conscrypt;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

import dev.tlsboot.benchmarks.Case.Contender;
import dev.tlsboot.benchmarks.Case.Unit;
import dev.tlsboot.benchmarks.app.CapacityApplication;

/**
 * Capacity as users meet it: a minimal web application ({@link CapacityApplication}) in a fresh JVM on Tomcat and on
 * Reactor Netty, its TLS from Spring Boot's own {@code server.ssl.bundle} (the baseline, (a)) or from TLS Boot, on the
 * JDK and on native code, next to {@code openssl s_server} on the same PEM files, each measured by
 * {@code openssl s_time -new} (full handshakes) and {@code -reuse} (resumed), TLS 1.3, fetching the endpoint with
 * {@code -www}. Everything listens on 127.0.0.1.
 * <p>
 * Each contender's server is started when its case opens (a forked JVM with the benchmark's heap and GC flags, or
 * the {@code openssl} process), waited for until it accepts, probed once with {@code openssl s_client} (protocol,
 * suite, group, the session tickets it sends, the response), warmed up with one {@code s_time} run of
 * {@value #JVM_WARMUP_SECONDS} s (JVMs, with 1 s iterations; s_server {@value #MIN_SECONDS} s) before the runner's
 * warm-up, measured, and stopped when the case closes. One iteration is one {@code s_time} run of {@code -time} whole seconds, at least
 * {@value #MIN_SECONDS}. s_time makes one connection at a time and prints a marker per connection ({@code *} full,
 * {@code r} resumed); the figure is connections per real second, timed here from the arrival of the first marker to
 * the last, because s_time's own "N connections in T real seconds" counts whole seconds (its loop runs for between
 * T and T + 1 seconds and reports T + 1), and its "connections/user sec" divides by the client's own CPU time. Both
 * of s_time's figures are in the detail.
 * <p>
 * s_time is one client making one connection at a time, on the same cores as the server, so its rate is bounded by
 * the client's own share of each connection, whatever the server. The detail therefore also gives the server
 * process's CPU time per connection (every thread, from the OS, around each measured run): what bounds the
 * connections a server can take once clients are many.
 * <p>
 * Checked: every connection of {@code -new} was full and, of {@code -reuse}, at least
 * {@value HandshakeDriver#MIN_RESUMED_PERCENT} % resumed (s_time only resumes a TLS 1.3 session whose ticket it
 * read, which {@code -www} makes it do); every connection read a response; the application says it serves TLS with
 * the implementation the row names.
 */
final class CapacityDriver {

	/** The group of the capacity cases. */
	static final String GROUP = "capacity";

	/** The shortest s_time run: {@code -time} takes whole seconds. */
	static final int MIN_SECONDS = 2;

	/**
	 * The longest s_time run that warms a freshly started application up, before the runner's own warm-up: a fresh JVM
	 * serves about twice as many connections after 20 s of them as in its first seconds (JIT compilation). It is
	 * {@value #JVM_WARMUP_ITERATIONS} iterations' time, within {@value #MIN_SECONDS} s and this, so that a smoke run
	 * with short iterations stays short.
	 */
	private static final int JVM_WARMUP_SECONDS = 20;

	/** The JVM warm-up in iterations, as long as that is between {@value #MIN_SECONDS} and 20 s. */
	private static final int JVM_WARMUP_ITERATIONS = 20;

	/** How long a server may take to start and accept. */
	private static final long START_TIMEOUT_SECONDS = 120;

	/** How long a server may take to stop once asked. */
	private static final long STOP_TIMEOUT_SECONDS = 10;

	/** How long an openssl client may run beyond its own time. */
	private static final long CLIENT_GRACE_SECONDS = 15;

	/** The flags of every forked application JVM: the benchmark JVM's own. */
	private static final List<String> JVM_FLAGS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC",
			"-Djava.net.preferIPv4Stack=true");

	private static final Pattern USER_SECONDS = Pattern
		.compile("(\\d+) connections in ([0-9.]+)s; ([0-9.]+) connections/user sec, bytes read (\\d+)");

	private static final Pattern REAL_SECONDS = Pattern
		.compile("(\\d+) connections in (\\d+) real seconds, (\\d+) bytes read per connection");

	/** How a row's detail gives the server's CPU time per connection, the median of its iterations. */
	private static final String SERVER_CPU = "server CPU %s ms per connection";

	private static final Pattern SERVER_CPU_FIGURE = Pattern.compile("server CPU ([0-9.]+) ms per connection");

	private CapacityDriver() {
	}

	/** 127.0.0.1, where every server of these cases listens, whatever the JVM's preference for IPv6. */
	private static InetAddress loopback() throws UnknownHostException {
		return InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 });
	}

	/**
	 * The capacity cases, with {@code credentials}' server certificate in PEM files.
	 * @param credentials the server's certificate and key
	 * @param iteration the length of one iteration ({@code bench.seconds}), which sets the JVM warm-up
	 * @return the cases, Tomcat's first
	 * @throws IOException when the files cannot be written
	 */
	static List<Case> cases(Credentials credentials, Duration iteration) throws IOException {
		int warmUp = (int) Math.min(JVM_WARMUP_SECONDS,
				Math.max(MIN_SECONDS, Math.round(JVM_WARMUP_ITERATIONS * iteration.toMillis() / 1000.0)));
		Path pem = Files.createTempDirectory("tls-boot-capacity-");
		credentials.writeServerPem(pem);
		// s_server -WWW serves files from its working directory: one with the response and nothing else.
		Path www = Files.createDirectory(pem.resolve("www"));
		Path ok = Files.writeString(www.resolve(CapacityApplication.PATH.substring(1)), CapacityApplication.BODY);
		www.toFile().deleteOnExit();
		ok.toFile().deleteOnExit();
		List<Case> cases = new ArrayList<>();
		for (Server server : Server.values()) {
			for (Mode mode : Mode.values()) {
				cases.add(new Case(GROUP, caseName(server, mode), Unit.CONNECTIONS_PER_SECOND,
						server.setups.stream()
							.map((setup) -> new Contender(setup.key, setup.label(server),
									() -> ServerTrial.open(server, setup, mode, pem, warmUp)))
							.toList()));
			}
		}
		return cases;
	}

	/**
	 * The server process's CPU time per connection, in ms, as a capacity row's detail gives it: the median over its
	 * iterations, every thread of the process counted (TLS, HTTP, JIT, GC).
	 * @param result a capacity row
	 * @return the figure, or empty where the OS did not tell the process's CPU time
	 */
	static OptionalDouble serverCpuMillis(Result result) {
		Matcher figure = SERVER_CPU_FIGURE.matcher(result.detail());
		return figure.find() ? OptionalDouble.of(Double.parseDouble(figure.group(1))) : OptionalDouble.empty();
	}

	/** The name of the case of {@code server} and {@code mode}, e.g. {@code Tomcat, s_time -new}. */
	static String caseName(Server server, Mode mode) {
		return server.label + ", s_time " + mode.flag;
	}

	/** The web server the application runs on. */
	enum Server {

		/** Tomcat, with Spring MVC. */
		TOMCAT("Tomcat", "servlet", List.of(), Setup.TLS_BOOT_CONSCRYPT,
				List.of(Setup.BOOT_BUNDLE, Setup.TLS_BOOT_JDK, Setup.TLS_BOOT_CONSCRYPT, Setup.S_SERVER)),

		/**
		 * Reactor Netty, with WebFlux. Tomcat is on the classpath too, so its reactive server's auto-configuration is
		 * excluded.
		 */
		REACTOR_NETTY("Reactor Netty", "reactive",
				List.of("org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration"),
				Setup.TLS_BOOT_OPENSSL, List.of(Setup.BOOT_BUNDLE, Setup.BOOT_BUNDLE_TCNATIVE, Setup.TLS_BOOT_JDK,
						Setup.TLS_BOOT_OPENSSL, Setup.S_SERVER));

		private final String label;

		private final String webApplicationType;

		private final List<String> excluded;

		private final Setup nativeSetup;

		private final List<Setup> setups;

		Server(String label, String webApplicationType, List<String> excluded, Setup nativeSetup, List<Setup> setups) {
			this.label = label;
			this.webApplicationType = webApplicationType;
			this.excluded = excluded;
			this.nativeSetup = nativeSetup;
			this.setups = setups;
		}

		/** The name in the report, e.g. {@code Reactor Netty}. */
		String label() {
			return this.label;
		}

		/** TLS Boot's native setup on this server: Conscrypt for Tomcat, OpenSSL for Reactor Netty. */
		Setup nativeSetup() {
			return this.nativeSetup;
		}

	}

	/** How s_time connects. */
	enum Mode {

		/** A full handshake per connection. */
		NEW("-new"),

		/** Every connection resumes the first one's session. */
		REUSE("-reuse");

		private final String flag;

		Mode(String flag) {
			this.flag = flag;
		}

	}

	/** Where the server's TLS comes from. */
	enum Setup {

		/**
		 * (a) Spring Boot's own {@code server.ssl.bundle}, a PEM bundle of the same files, TLS Boot excluded. On
		 * Reactor Netty without netty-tcnative on the classpath, as Spring Boot's starter has it: Reactor Netty picks
		 * OpenSSL by itself whenever tcnative loads.
		 */
		BOOT_BUNDLE("a", "Spring Boot, server.ssl.bundle", null),

		/** (a) with netty-tcnative on the classpath: Reactor Netty then picks OpenSSL for Spring Boot's bundle. */
		BOOT_BUNDLE_TCNATIVE("a-tcnative", "Spring Boot, server.ssl.bundle, netty-tcnative added (Netty picks OpenSSL)",
				null),

		/** (b) TLS Boot, {@code tls.server.context=default}, provider {@code jdk}. */
		TLS_BOOT_JDK("b", "TLS Boot, provider jdk", "jdk"),

		/** (f) TLS Boot, provider {@code conscrypt}: Tomcat serves the context's SSLContext, on Conscrypt. */
		TLS_BOOT_CONSCRYPT("f", "TLS Boot, provider conscrypt", "conscrypt"),

		/** (e) TLS Boot, provider {@code openssl}: Reactor Netty on netty-tcnative's BoringSSL. */
		TLS_BOOT_OPENSSL("e", "TLS Boot, provider openssl", "openssl"),

		/** {@code openssl s_server -WWW} on the same files: the reference. */
		S_SERVER("s_server", "openssl s_server -WWW", null);

		private final String key;

		private final String name;

		/** TLS Boot's {@code tls.provider}, or {@code null} where TLS Boot does not serve. */
		private final String provider;

		Setup(String key, String name, String provider) {
			this.key = key;
			this.name = name;
			this.provider = provider;
		}

		/** The key {@code bench.implementations} selects. */
		String key() {
			return this.key;
		}

		/** The name in the report, e.g. {@code (a) Spring Boot, server.ssl.bundle}. */
		String label(Server server) {
			String label = "(" + this.key + ") " + this.name;
			return (this == BOOT_BUNDLE && server == Server.REACTOR_NETTY)
					? label + ", no netty-tcnative (Netty on the JDK)" : label;
		}

		/** The word the application's own report must contain for this setup, or {@code null}. */
		private String expected(Server server) {
			return switch (this) {
				case BOOT_BUNDLE -> (server == Server.REACTOR_NETTY) ? "Netty on the JDK" : "JSSE on SunJSSE";
				case BOOT_BUNDLE_TCNATIVE -> "Netty on OpenSSL";
				case TLS_BOOT_JDK -> "on SunJSSE";
				case TLS_BOOT_CONSCRYPT -> "SSLContext on Conscrypt";
				case TLS_BOOT_OPENSSL -> "Netty on BoringSSL (netty-tcnative";
				case S_SERVER -> null;
			};
		}

		/** The Spring arguments of the application, after the common ones. */
		private List<String> arguments(Server server, Path pem) {
			String certificate = "file:" + pem.resolve("server.crt");
			String key = "file:" + pem.resolve("server.key");
			List<String> excluded = new ArrayList<>(server.excluded);
			List<String> arguments = new ArrayList<>();
			switch (this) {
				case BOOT_BUNDLE, BOOT_BUNDLE_TCNATIVE -> {
					excluded.addAll(tlsBootAutoConfigurations());
					arguments.addAll(List.of("--server.ssl.bundle=web",
							"--spring.ssl.bundle.pem.web.keystore.certificate=" + certificate,
							"--spring.ssl.bundle.pem.web.keystore.private-key=" + key,
							"--spring.ssl.bundle.pem.web.options.enabled-protocols=TLSv1.3,TLSv1.2"));
				}
				case TLS_BOOT_JDK, TLS_BOOT_CONSCRYPT, TLS_BOOT_OPENSSL -> arguments.addAll(List.of(
						"--tls.certfile=" + certificate, "--tls.keyfile=" + key, "--tls.server.context=default",
						"--tls.provider=" + this.provider));
				case S_SERVER -> throw new IllegalStateException("s_server is no Spring application");
			}
			if (!excluded.isEmpty()) {
				arguments.add("--spring.autoconfigure.exclude=" + String.join(",", excluded));
			}
			return arguments;
		}

		/** Throws {@link Trial.Skipped} when a native library this setup needs does not load here. */
		private void requireNative() throws Trial.Skipped {
			if ((this == BOOT_BUNDLE_TCNATIVE || this == TLS_BOOT_OPENSSL) && !OpenSsl.isAvailable()) {
				throw new Trial.Skipped("netty-tcnative does not load here: " + OpenSsl.unavailabilityCause());
			}
			if (this == TLS_BOOT_CONSCRYPT && !Conscrypt.isAvailable()) {
				throw new Trial.Skipped("Conscrypt's native library does not load here");
			}
		}

	}

	/** Every TLS Boot auto-configuration, as {@code spring.autoconfigure.exclude} takes them. */
	private static List<String> tlsBootAutoConfigurations() {
		return ImportCandidates.load(AutoConfiguration.class, CapacityDriver.class.getClassLoader())
			.getCandidates()
			.stream()
			.filter((candidate) -> candidate.startsWith("dev.tlsboot."))
			.toList();
	}

	/** One server, started for a case, measured by s_time runs. */
	private static final class ServerTrial implements Trial {

		private final Server server;

		private final Setup setup;

		private final Mode mode;

		private final Process process;

		private final Path log;

		private final int port;

		private final String path;

		private String implementation = "";

		private String probe = "";

		private String classpathNote = "";

		private long connections;

		private long resumed;

		private STime last;

		/** The server process's CPU time per connection, in ms, per measured run. */
		private final List<Double> cpuMillis = new ArrayList<>();

		private ServerTrial(Server server, Setup setup, Mode mode, Process process, Path log, int port, String path) {
			this.server = server;
			this.setup = setup;
			this.mode = mode;
			this.process = process;
			this.log = log;
			this.port = port;
			this.path = path;
		}

		static ServerTrial open(Server server, Setup setup, Mode mode, Path pem, int warmUp) throws Exception {
			String openssl = OpenSslTool.version();
			setup.requireNative();
			Path log = Files.createTempFile(pem, "server-" + setup.key + "-", ".log");
			log.toFile().deleteOnExit();
			ServerTrial trial = (setup == Setup.S_SERVER) ? startSServer(server, mode, pem, log)
					: startApplication(server, setup, mode, pem, log);
			try {
				if (setup == Setup.S_SERVER) {
					trial.implementation = openssl;
				}
				trial.checkImplementation();
				trial.probe = OpenSslTool.probe(trial.port, trial.path);
				trial.warmUp(warmUp);
				return trial;
			}
			catch (Exception | Error ex) {
				trial.close();
				throw ex;
			}
		}

		/** The application in a fresh JVM, on an ephemeral port it reports once it listens. */
		private static ServerTrial startApplication(Server server, Setup setup, Mode mode, Path pem, Path log)
				throws IOException, InterruptedException, TimeoutException {
			List<String> classpath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
			List<String> kept = classpath;
			if (setup == Setup.BOOT_BUNDLE && server == Server.REACTOR_NETTY) {
				kept = classpath.stream().filter((entry) -> !Path.of(entry).getFileName().toString()
					.startsWith("netty-tcnative")).toList();
			}
			List<String> command = new ArrayList<>();
			command.add(Environment.java());
			command.addAll(JVM_FLAGS);
			command.addAll(List.of("-cp", String.join(File.pathSeparator, kept), CapacityApplication.class.getName(),
					"--spring.main.web-application-type=" + server.webApplicationType,
					"--spring.main.banner-mode=off", "--server.address=127.0.0.1", "--server.port=0"));
			command.addAll(setup.arguments(server, pem));
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			ServerTrial trial = null;
			try {
				String ready = awaitLine(process, log, CapacityApplication.READY + " ");
				String[] words = ready.split(" ", 4);
				trial = new ServerTrial(server, setup, mode, process, log, Integer.parseInt(words[2]),
						CapacityApplication.PATH);
				trial.implementation = words[3];
				if (kept.size() != classpath.size()) {
					trial.classpathNote = (classpath.size() - kept.size()) + " netty-tcnative jars left off the classpath; ";
				}
				awaitAccepting(process, log, trial.port);
				return trial;
			}
			catch (Exception | Error ex) {
				stop(process);
				throw ex;
			}
		}

		/** {@code openssl s_server -WWW} on the same files, from a directory holding the response alone. */
		private static ServerTrial startSServer(Server server, Mode mode, Path pem, Path log)
				throws IOException, InterruptedException, TimeoutException {
			int port;
			try (ServerSocket free = new ServerSocket(0, 1, loopback())) {
				port = free.getLocalPort();
			}
			Process process = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-cert",
					pem.resolve("server.crt").toString(), "-key", pem.resolve("server.key").toString(), "-tls1_3",
					"-WWW", "-quiet")
				.directory(pem.resolve("www").toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			try {
				awaitAccepting(process, log, port);
				return new ServerTrial(server, Setup.S_SERVER, mode, process, log, port, CapacityApplication.PATH);
			}
			catch (Exception | Error ex) {
				stop(process);
				throw ex;
			}
		}

		/** Fails unless the application said it serves TLS with the implementation this setup is about. */
		private void checkImplementation() {
			String expected = this.setup.expected(this.server);
			if (expected != null && !this.implementation.contains(expected)) {
				throw new IllegalStateException(
						"The application does not serve TLS as " + this.setup.label(this.server) + " should ('"
								+ expected + "'): it reports " + this.implementation);
			}
		}

		/** One s_time run for a freshly started server: JIT compilation, caches, pools; s_server needs no JIT. */
		private void warmUp(int jvmSeconds) throws Exception {
			int seconds = (this.setup == Setup.S_SERVER) ? MIN_SECONDS : jvmSeconds;
			check(OpenSslTool.sTime(this.port, this.path, this.mode, seconds, Long.MAX_VALUE));
		}

		@Override
		public Sample run(Budget budget) throws Exception {
			int seconds = (int) Math.max(MIN_SECONDS, Math.ceil(budget.time().toMillis() / 1000.0));
			Optional<Duration> before = cpu();
			STime run = OpenSslTool.sTime(this.port, this.path, this.mode, seconds, budget.operations());
			Optional<Duration> after = cpu();
			check(run);
			this.last = run;
			if (before.isPresent() && after.isPresent()) {
				this.cpuMillis.add(after.get().minus(before.get()).toNanos() / 1e6 / run.markers());
			}
			return new Sample(run.perRealSecond(), run.markers());
		}

		private void check(STime run) throws IOException {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The server exited with " + this.process.exitValue() + ": "
						+ tail(this.log));
			}
			if (run.markers() < 2) {
				throw new IllegalStateException("s_time made fewer than 2 connections: " + run.output());
			}
			if (run.bytesPerConnection() == 0) {
				throw new IllegalStateException("s_time read no response: " + run.output());
			}
			if (this.mode == Mode.NEW && run.resumed() > 0) {
				throw new IllegalStateException(run.resumed() + " of " + run.markers() + " connections of s_time -new "
						+ "resumed");
			}
			if (this.mode == Mode.REUSE && run.resumed() * 100 < run.markers() * HandshakeDriver.MIN_RESUMED_PERCENT) {
				throw new IllegalStateException("Only " + run.resumed() + " of " + run.markers()
						+ " connections of s_time -reuse resumed");
			}
			this.connections += run.markers();
			this.resumed += run.resumed();
		}

		/** The server process's CPU time so far (every thread: TLS, HTTP, JIT, GC), where the OS tells it. */
		private Optional<Duration> cpu() {
			return this.process.toHandle().info().totalCpuDuration();
		}

		@Override
		public String detail() {
			StringBuilder detail = new StringBuilder(this.probe).append("; server: ").append(this.implementation)
				.append("; ");
			if (!this.cpuMillis.isEmpty()) {
				detail.append(String.format(Locale.ROOT, SERVER_CPU, Report.number(Runner.median(this.cpuMillis))))
					.append("; ");
			}
			detail.append(this.classpathNote)
				.append("resumed ").append(this.resumed).append(" of ").append(this.connections);
			if (this.last != null) {
				detail.append("; last s_time: ").append(this.last.summary());
			}
			return detail.toString();
		}

		@Override
		public void close() throws InterruptedException {
			stop(this.process);
		}

		/** Asks the process to end, then ends it, bounded. */
		private static void stop(Process process) throws InterruptedException {
			process.destroy();
			if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
		}

		/** Waits, bounded, for the process to write a line starting with {@code prefix} to its log. */
		private static String awaitLine(Process process, Path log, String prefix)
				throws IOException, InterruptedException, TimeoutException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
			while (System.nanoTime() < deadline) {
				for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
					if (line.startsWith(prefix)) {
						return line;
					}
				}
				if (!process.isAlive()) {
					throw new IllegalStateException("The application exited with " + process.exitValue()
							+ " before it listened: " + tail(log));
				}
				Thread.sleep(100);
			}
			throw new TimeoutException("The application did not listen within " + START_TIMEOUT_SECONDS + " s: "
					+ tail(log));
		}

		/** Waits, bounded, until a TCP connection to 127.0.0.1:{@code port} is accepted. */
		private static void awaitAccepting(Process process, Path log, int port)
				throws IOException, InterruptedException, TimeoutException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
			while (System.nanoTime() < deadline) {
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress(loopback(), port), 1000);
					return;
				}
				catch (IOException ex) {
					if (!process.isAlive()) {
						throw new IllegalStateException("The server exited with " + process.exitValue() + ": "
								+ tail(log));
					}
					Thread.sleep(100);
				}
			}
			throw new TimeoutException("Nothing accepted on 127.0.0.1:" + port + " within " + START_TIMEOUT_SECONDS
					+ " s: " + tail(log));
		}

		/** The last lines of a log, for a failure's message. */
		private static String tail(Path log) throws IOException {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join(" / ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
		}

	}

	/**
	 * What one s_time run showed.
	 *
	 * @param markers the connections it printed a marker for
	 * @param resumed how many of them resumed ({@code r})
	 * @param perRealSecond connections per real second, from the first marker's arrival to the last's
	 * @param bytesPerConnection the response bytes s_time read per connection, -1 when it printed no summary
	 * @param summary s_time's own figures, or why there are none
	 * @param output s_time's output without its markers, for failures
	 */
	record STime(long markers, long resumed, double perRealSecond, long bytesPerConnection, String summary,
			String output) {
	}

	/** The openssl command line tool: its version, s_client's probe, s_time's runs. */
	static final class OpenSslTool {

		private static String version;

		private OpenSslTool() {
		}

		/** {@code openssl version}; throws {@link Trial.Skipped} when openssl cannot be run here. */
		static synchronized String version() throws Trial.Skipped, InterruptedException {
			if (version == null) {
				try {
					Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
					String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
					if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
						process.destroyForcibly();
						throw new Trial.Skipped("openssl does not run here: " + output);
					}
					version = output;
				}
				catch (IOException ex) {
					throw new Trial.Skipped("openssl is not installed: " + ex.getMessage());
				}
			}
			return version;
		}

		/**
		 * One {@code openssl s_client} connection that fetches {@code path} and reads until the server closes, so
		 * that TLS 1.3 session tickets, which arrive after the handshake, are in: protocol, suite, key exchange
		 * group, tickets and their lifetimes (they tell the implementations apart: the JDK sends one, BoringSSL and
		 * OpenSSL two).
		 */
		static String probe(int port, String path) throws IOException, InterruptedException, TimeoutException {
			Process process = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-tls1_3",
					"-servername", Endpoints.HOST, "-ign_eof")
				.redirectErrorStream(true)
				.start();
			try (OutputStream request = process.getOutputStream()) {
				request.write(("GET " + path + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			}
			String output = read(process, 10);
			Matcher negotiated = Pattern.compile("New, (\\S+), Cipher is (\\S+)").matcher(output);
			Matcher group = Pattern.compile("Server Temp Key: ([^,\\n]+)").matcher(output);
			if (!negotiated.find() || !negotiated.group(1).equals("TLSv1.3")
					|| !Pattern.compile("HTTP/1\\.[01] 200").matcher(output).find()
					|| !output.contains(CapacityApplication.BODY.trim())) {
				throw new IllegalStateException("openssl s_client did not get the response over TLS 1.3: " + output);
			}
			Matcher lifetime = Pattern.compile("TLS session ticket lifetime hint: (\\d+)").matcher(output);
			Set<String> lifetimes = new TreeSet<>();
			int tickets = 0;
			while (lifetime.find()) {
				tickets++;
				lifetimes.add(lifetime.group(1));
			}
			return negotiated.group(1) + " " + negotiated.group(2) + " " + (group.find() ? group.group(1) : "")
					+ ", " + tickets + ((tickets == 1) ? " ticket" : " tickets") + " (lifetime "
					+ String.join(", ", lifetimes) + " s)";
		}

		/**
		 * One {@code openssl s_time} run: TLS 1.3, {@code -www path}, {@code -new} or {@code -reuse}, for
		 * {@code seconds}, ended early once it printed {@code maxConnections} markers.
		 */
		static STime sTime(int port, String path, Mode mode, int seconds, long maxConnections)
				throws IOException, InterruptedException, TimeoutException {
			Process process = new ProcessBuilder("openssl", "s_time", "-connect", "127.0.0.1:" + port, mode.flag,
					"-tls1_3", "-time", String.valueOf(seconds), "-www", path)
				.redirectErrorStream(true)
				.start();
			MarkerReader reader = new MarkerReader(process, maxConnections);
			Thread thread = new Thread(reader, "s_time reader");
			thread.setDaemon(true);
			thread.start();
			boolean finished = process.waitFor(seconds + CLIENT_GRACE_SECONDS, TimeUnit.SECONDS);
			if (!finished) {
				process.destroyForcibly();
			}
			thread.join(TimeUnit.SECONDS.toMillis(CLIENT_GRACE_SECONDS));
			String output = reader.text.toString().trim();
			if (!finished) {
				throw new TimeoutException("s_time did not finish within " + (seconds + CLIENT_GRACE_SECONDS) + " s: "
						+ output);
			}
			if (!reader.stoppedEarly && process.exitValue() != 0) {
				throw new IllegalStateException("s_time exited with " + process.exitValue() + ": " + output);
			}
			double perRealSecond = (reader.markers < 2) ? Double.NaN
					: (reader.markers - 1) / ((reader.lastNanos - reader.firstNanos) / 1e9);
			Matcher user = USER_SECONDS.matcher(output);
			Matcher real = REAL_SECONDS.matcher(output);
			if (reader.stoppedEarly) {
				return new STime(reader.markers, reader.resumed, perRealSecond, -1,
						"stopped at bench.max-operations, no s_time summary", output);
			}
			if (!user.find() || !real.find()) {
				throw new IllegalStateException("s_time printed no summary: " + output);
			}
			long count = Long.parseLong(real.group(1));
			if (count != reader.markers) {
				throw new IllegalStateException(
						"s_time counted " + count + " connections, its markers " + reader.markers + ": " + output);
			}
			long realSeconds = Long.parseLong(real.group(2));
			String summary = String.format(Locale.ROOT,
					"%d connections in %d real s (%s/s by whole seconds), %s/user s, %s bytes read per connection",
					count, realSeconds, Report.number((double) count / realSeconds),
					Report.number(Double.parseDouble(user.group(3))), real.group(3));
			return new STime(reader.markers, reader.resumed, perRealSecond, Long.parseLong(real.group(3)), summary,
					output);
		}

		/** Everything a short-lived process writes, bounded in time. */
		private static String read(Process process, long seconds)
				throws IOException, InterruptedException, TimeoutException {
			if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new TimeoutException(
						"openssl did not finish within " + seconds + " s: " + new String(
								process.getInputStream().readNBytes(4096), StandardCharsets.UTF_8));
			}
			return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}

	}

	/**
	 * Reads s_time's output as it comes: the line after {@code Collecting connection statistics ...} ({@code -new})
	 * or {@code starting} ({@code -reuse}) is one marker per connection, each timed on arrival; everything else is
	 * kept as text.
	 */
	private static final class MarkerReader implements Runnable {

		private final Process process;

		private final long maxConnections;

		private final StringBuilder text = new StringBuilder();

		private volatile long markers;

		private volatile long resumed;

		private volatile long firstNanos;

		private volatile long lastNanos;

		private volatile boolean stoppedEarly;

		MarkerReader(Process process, long maxConnections) {
			this.process = process;
			this.maxConnections = maxConnections;
		}

		@Override
		public void run() {
			StringBuilder line = new StringBuilder();
			boolean inMarkers = false;
			byte[] buffer = new byte[4096];
			try (InputStream output = this.process.getInputStream()) {
				int read;
				while ((read = output.read(buffer)) > 0) {
					long now = System.nanoTime();
					for (int i = 0; i < read; i++) {
						char c = (char) (buffer[i] & 0xff);
						if (inMarkers && "*rt3".indexOf(c) >= 0) {
							marker(c, now);
							continue;
						}
						if (c == '\n') {
							String finished = line.toString();
							inMarkers = !inMarkers
									&& (finished.startsWith("Collecting connection statistics")
											|| finished.equals("starting"));
							synchronized (this.text) {
								this.text.append(finished).append('\n');
							}
							line.setLength(0);
						}
						else {
							inMarkers = false;
							line.append(c);
						}
					}
				}
				synchronized (this.text) {
					this.text.append(line);
				}
			}
			catch (IOException ex) {
				// The process was ended: what was read stands.
			}
		}

		private void marker(char c, long now) {
			if (this.markers == 0) {
				this.firstNanos = now;
			}
			this.lastNanos = now;
			this.markers++;
			if (c == 'r') {
				this.resumed++;
			}
			if (this.markers >= this.maxConnections && !this.stoppedEarly) {
				this.stoppedEarly = true;
				this.process.destroy();
			}
		}

	}

}
