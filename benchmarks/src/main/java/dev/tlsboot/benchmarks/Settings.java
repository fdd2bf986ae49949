package dev.tlsboot.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.tlsboot.benchmarks.Case.Contender;
import dev.tlsboot.benchmarks.Trial.Budget;

/**
 * What one run measures and for how long, from system properties; a blank property takes its default.
 * <ul>
 * <li>{@code bench.cases}: comma-separated selectors; a case runs when every {@code +}-joined word of one selector
 * occurs in its id, ignoring case: {@code handshake+TLSv1.3+full,bulk} (default: every case)</li>
 * <li>{@code bench.implementations}: contender keys, e.g. {@code a,b} (default: all)</li>
 * <li>{@code bench.seconds}: the length of one iteration, decimals allowed (default 1)</li>
 * <li>{@code bench.iterations}: measured iterations per contender and case (default 5)</li>
 * <li>{@code bench.warmup}: seconds of warm-up per contender and case (default: one iteration)</li>
 * <li>{@code bench.max-operations}: the most operations one iteration may do (default 1 000 000)</li>
 * <li>{@code bench.note}: a line for the report, e.g. {@code smoke run}</li>
 * <li>{@code bench.output}: the markdown report's file (default {@code results/latest.md})</li>
 * </ul>
 *
 * @param cases the case selectors, empty for all
 * @param implementations the contender keys, empty for all
 * @param iteration the length of one iteration
 * @param iterations how many iterations each contender runs
 * @param warmup the warm-up of each contender in each case
 * @param maxOperations the most operations in one iteration
 * @param note a line for the report, or blank
 * @param output the report's file
 */
record Settings(List<String> cases, List<String> implementations, Duration iteration, int iterations,
		Duration warmup, long maxOperations, String note, Path output) {

	Settings {
		if (iteration.isNegative() || iteration.isZero() || iterations < 1 || warmup.isNegative()
				|| maxOperations < 1) {
			throw new IllegalArgumentException("bench.seconds and bench.iterations must be above 0, bench.warmup "
					+ "and bench.max-operations at least 0 and 1");
		}
	}

	/** The settings the system properties give. */
	static Settings fromSystemProperties() {
		Duration iteration = seconds(property("bench.seconds", "1"));
		String warmup = property("bench.warmup", null);
		return new Settings(list(property("bench.cases", "")), list(property("bench.implementations", "")),
				iteration, Integer.parseInt(property("bench.iterations", "5")),
				(warmup != null) ? seconds(warmup) : iteration,
				Long.parseLong(property("bench.max-operations", "1000000")), property("bench.note", ""),
				Path.of(property("bench.output", "results/latest.md")));
	}

	/** Whether {@code benchmark} is selected by {@code bench.cases} and has a selected contender. */
	boolean selects(Case benchmark) {
		String id = benchmark.id().toLowerCase(Locale.ROOT);
		return (this.cases.isEmpty() || this.cases.stream()
			.anyMatch((selector) -> Arrays.stream(selector.split("\\+")).allMatch(id::contains)))
				&& benchmark.contenders().stream().anyMatch(this::selects);
	}

	/** Whether {@code contender} is selected by {@code bench.implementations}. */
	boolean selects(Contender contender) {
		return this.implementations.isEmpty() || this.implementations.contains(contender.key());
	}

	/** The budget of one measured iteration. */
	Budget budget() {
		return new Budget(this.iteration, this.maxOperations);
	}

	/** The budget of one warm-up. */
	Budget warmupBudget() {
		return new Budget(this.warmup, this.maxOperations);
	}

	/** The settings in a sentence, for the report. */
	String describe() {
		return this.iterations + ((this.iterations == 1) ? " iteration" : " iterations") + " of "
				+ seconds(this.iteration) + " per implementation and case, in "
				+ "turns, after " + seconds(this.warmup) + " of warm-up each; at most " + this.maxOperations
				+ " operations per iteration";
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() / 1000.0) + " s";
	}

	private static Duration seconds(String value) {
		return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
	}

	private static String property(String name, String fallback) {
		String value = System.getProperty(name);
		return (value == null || value.isBlank()) ? fallback : value.trim();
	}

	private static List<String> list(String value) {
		return Arrays.stream(value.toLowerCase(Locale.ROOT).split(","))
			.map(String::trim)
			.filter((item) -> !item.isEmpty())
			.toList();
	}

}
