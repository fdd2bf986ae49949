package dev.tlsboot.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.tlsboot.benchmarks.Case.Contender;
import dev.tlsboot.core.CryptoImplementation;

/**
 * A contender that must have a JVM of its own, because what it measures changes the whole JVM (a JCA provider
 * installed first would also change (a) and (b) in the benchmark's JVM). The trial starts one child JVM when it
 * opens, with the benchmark JVM's classpath and flags plus the contender's own; the child opens another
 * contender's trial of the same case (e.g. (b)'s) and, each time the parent asks on its stdin, runs it for the
 * given budget and answers on its stdout. So the forked contender takes its turn in the {@link Runner}'s rotation
 * like every other, and measures exactly the loop the other contender measures.
 * <p>
 * The protocol is one line each way, prefixed with {@value #PREFIX} (anything else the child prints to stdout goes
 * to the parent's stderr): parent {@code run <nanos> <operations>}, child {@code sample <value> <operations>
 * <elapsed nanos>} then {@code detail <checked>}, or {@code failed <reason>}; parent {@code close}, child
 * {@code closed}. At open the child answers {@code ready}, {@code skipped <reason>} or {@code failed <reason>}.
 * Every wait is bounded: the child's start by {@link #START_TIMEOUT}, a run by its budget plus
 * {@link #RUN_GRACE}; a child that overstays is killed and the contender fails.
 */
final class ForkedTrial implements Trial {

	static final String PREFIX = "@@fork ";

	/** Set in the child: a forked trial never forks again. */
	static final String CHILD_PROPERTY = "bench.forked";

	/** The JCA provider the child installs first, a {@code tls.crypto-provider} value: {@code accp}. */
	static final String CRYPTO_PROVIDER_PROPERTY = "bench.crypto-provider";

	static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	static final Duration RUN_GRACE = Duration.ofSeconds(60);

	private final Process process;

	private final Writer commands;

	private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

	private String detail = "";

	/**
	 * Start the child JVM and open {@code innerKey}'s trial of {@code caseId} in it.
	 * @param caseId the case, as {@link Case#id()}
	 * @param innerKey the contender the child runs, e.g. {@code b}
	 * @param flags the child's JVM flags besides the benchmark JVM's own, e.g. {@code -Dbench.crypto-provider=accp}
	 */
	ForkedTrial(String caseId, String innerKey, List<String> flags) throws Exception {
		if (Boolean.getBoolean(CHILD_PROPERTY)) {
			throw new IllegalStateException("A forked trial does not fork again");
		}
		List<String> command = new ArrayList<>();
		command.add(Environment.java());
		command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
		command.addAll(flags);
		command.add("-D" + CHILD_PROPERTY + "=true");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(ForkedTrial.class.getName());
		command.add(caseId);
		command.add(innerKey);
		this.process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		this.commands = new OutputStreamWriter(this.process.getOutputStream(), StandardCharsets.UTF_8);
		Thread reader = new Thread(this::readAnswers, "forked-trial-reader");
		reader.setDaemon(true);
		reader.start();
		try {
			String ready = answer(START_TIMEOUT);
			if (ready.startsWith("skipped ")) {
				throw new Skipped(ready.substring("skipped ".length()));
			}
			expect(ready, "ready");
			this.detail = ready.substring("ready".length()).trim();
		}
		catch (Exception ex) {
			this.process.destroyForcibly();
			throw ex;
		}
	}

	@Override
	public Sample run(Budget budget) throws Exception {
		send("run " + budget.time().toNanos() + " " + budget.operations());
		Duration limit = budget.time().plus(RUN_GRACE);
		String sample = answer(limit);
		expect(sample, "sample");
		String[] words = sample.split(" ");
		String detailLine = answer(limit);
		expect(detailLine, "detail");
		this.detail = detailLine.substring("detail".length()).trim();
		return new Sample(Double.parseDouble(words[1]), Long.parseLong(words[2]));
	}

	@Override
	public String detail() {
		return this.detail;
	}

	@Override
	public void close() throws Exception {
		try {
			send("close");
			expect(answer(RUN_GRACE), "closed");
			if (!this.process.waitFor(RUN_GRACE.toSeconds(), TimeUnit.SECONDS)) {
				throw new IllegalStateException("The forked JVM did not exit");
			}
		}
		finally {
			this.process.destroyForcibly();
		}
	}

	private void send(String line) throws IOException {
		this.commands.write(line + "\n");
		this.commands.flush();
	}

	private String answer(Duration timeout) throws Exception {
		String line = this.answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (line == null) {
			this.process.destroyForcibly();
			throw new IllegalStateException("The forked JVM did not answer within " + timeout.toSeconds() + " s");
		}
		if (line.equals("EOF")) {
			throw new IllegalStateException("The forked JVM exited (status "
					+ (this.process.waitFor(10, TimeUnit.SECONDS) ? this.process.exitValue() : "unknown") + ")");
		}
		return line;
	}

	private static void expect(String line, String word) {
		if (line.startsWith("failed ")) {
			throw new IllegalStateException("In the forked JVM: " + line.substring("failed ".length()));
		}
		if (!line.equals(word) && !line.startsWith(word + " ")) {
			throw new IllegalStateException("The forked JVM answered '" + line + "' instead of '" + word + "'");
		}
	}

	private void readAnswers() {
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				if (line.startsWith(PREFIX)) {
					this.answers.add(line.substring(PREFIX.length()));
				}
				else {
					System.err.println("[forked] " + line);
				}
			}
		}
		catch (IOException ex) {
			// the child is gone; EOF below says so
		}
		this.answers.add("EOF");
	}

	/**
	 * The child: installs the crypto provider it was given, opens the other contender's trial of the case, and runs
	 * it when asked. Arguments: the case id, the contender's key.
	 */
	public static void main(String[] args) throws Exception {
		PrintStream out = System.out;
		// Whatever else writes to stdout must not pass for an answer.
		System.setOut(System.err);
		String caseId = args[0];
		String innerKey = args[1];
		String jca;
		try {
			jca = installCryptoProvider();
		}
		catch (RuntimeException ex) {
			answer(out, "skipped " + ex.getMessage());
			return;
		}
		Trial trial;
		try {
			Contender contender = Main.cases(Settings.fromSystemProperties())
				.stream()
				.filter((candidate) -> candidate.id().equals(caseId))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("No case '" + caseId + "'"))
				.contenders()
				.stream()
				.filter((candidate) -> candidate.key().equals(innerKey))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("No contender '" + innerKey + "' in " + caseId));
			trial = contender.opener().open();
		}
		catch (Skipped ex) {
			answer(out, "skipped " + ex.getMessage());
			return;
		}
		catch (Exception ex) {
			ex.printStackTrace();
			answer(out, "failed " + ex);
			return;
		}
		answer(out, "ready " + checked(trial, jca));
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		try (trial) {
			for (String line = in.readLine(); line != null && !line.equals("close"); line = in.readLine()) {
				String[] words = line.split(" ");
				try {
					if (!words[0].equals("run") || words.length != 3) {
						throw new IllegalArgumentException("Unknown command '" + line + "'");
					}
					long start = System.nanoTime();
					Sample sample = trial.run(new Budget(Duration.ofNanos(Long.parseLong(words[1])),
							Long.parseLong(words[2])));
					answer(out, "sample " + sample.value() + " " + sample.operations() + " "
							+ (System.nanoTime() - start));
					answer(out, "detail " + checked(trial, jca));
				}
				catch (Exception ex) {
					ex.printStackTrace();
					answer(out, "failed " + ex.getMessage());
				}
			}
		}
		answer(out, "closed");
	}

	/** The first JCA provider after installing what {@value #CRYPTO_PROVIDER_PROPERTY} names, checked. */
	private static String installCryptoProvider() {
		String name = System.getProperty(CRYPTO_PROVIDER_PROPERTY, "jdk");
		CryptoImplementation provider = CryptoImplementation.of(name);
		provider.install(CRYPTO_PROVIDER_PROPERTY);
		if (!provider.isInstalled()) {
			throw new IllegalStateException(name + " is not the first JCA provider after installing it");
		}
		return CryptoImplementation.describe(CryptoImplementation.first());
	}

	private static String checked(Trial trial, String jca) {
		return trial.detail() + "; JCA first: " + jca;
	}

	private static void answer(PrintStream out, String line) {
		out.println(PREFIX + line.replace('\n', ' '));
		out.flush();
	}

}
