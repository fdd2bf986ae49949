package dev.tlsboot.benchmarks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.tlsboot.benchmarks.Table.Column;

/** The markdown report of a run: where and how it was made, then one table per group of cases, then a legend. */
final class Report {

	private static final String LEGEND = """
			**median**: of the iterations' figures. **min–max**: the lowest and the highest iteration. \
			**vs (a)**: how many times better than (a), the raw JDK (in the capacity cases, Spring Boot's own SSL \
			bundle), above 1 is better: the median, over iterations, of the ratio to (a)'s iteration of the same \
			turn. **n**: operations measured (handshakes, 64 KiB writes, builds, fresh JVMs, connections). **checked**: what the run verified it measured; its counts include \
			warm-up.
			""";

	private Report() {
	}

	/**
	 * The report.
	 * @param environment the machine and JVM
	 * @param settings how the run was made
	 * @param results the results, in the order the cases ran
	 * @param took how long the run took
	 * @return the markdown text
	 */
	static String markdown(Environment environment, Settings settings, List<Result> results, Duration took) {
		StringBuilder markdown = new StringBuilder("# TLS Boot benchmarks\n\n");
		if (!settings.note().isEmpty()) {
			markdown.append("**").append(settings.note()).append("**\n\n");
		}
		markdown.append("- date: ").append(environment.date()).append(", took ").append(took.toSeconds()).append(" s\n")
			.append("- JDK: ").append(environment.jdk()).append(", flags ")
			.append(String.join(" ", environment.jvmFlags())).append('\n')
			.append("- OS: ").append(environment.os()).append('\n')
			.append("- CPU: ").append(environment.cpu()).append(", ").append(environment.cores()).append(" cores, ")
			.append("load average ").append(environment.loadAverage()).append(" at start\n")
			.append("- ").append(settings.describe()).append("\n");
		Map<String, List<Result>> groups = results.stream()
			.collect(Collectors.groupingBy((result) -> result.benchmark().group(), LinkedHashMap::new,
					Collectors.toList()));
		markdown.append("\n## targets\n\n").append(Targets.table(results));
		groups.forEach((group, members) -> markdown.append("\n## ").append(group).append(" (")
			.append(members.get(0).benchmark().unit().describe()).append(")\n\n").append(table(members)));
		return markdown.append('\n').append(LEGEND).toString();
	}

	private static Table table(List<Result> results) {
		Table table = new Table(Column.text("case"), Column.text("implementation"), Column.number("median"),
				Column.number("min–max"), Column.number("vs (a)"), Column.number("n"), Column.text("checked"));
		Case previous = null;
		for (Result result : results) {
			// The case's name only on its first row, so that its contenders read as one block.
			String name = (result.benchmark() != previous) ? result.benchmark().name() : "";
			previous = result.benchmark();
			if (!result.measured()) {
				table.row(name, result.contender().label(), result.skipped() ? "skipped" : "FAILED", "", "", "",
						result.failure());
			}
			else {
				table.row(name, result.contender().label(), number(result.median()),
						number(result.min()) + "–" + number(result.max()), ratio(result.vsBaseline()),
						String.valueOf(result.operations()), result.detail());
			}
		}
		return table;
	}

	/** Three significant digits or more: 1234, 123, 12.3, 1.23. */
	static String number(double value) {
		if (Double.isNaN(value)) {
			return "–";
		}
		int decimals = (value >= 100) ? 0 : (value >= 10) ? 1 : 2;
		return String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	private static String ratio(double value) {
		return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.2f", value);
	}

}
