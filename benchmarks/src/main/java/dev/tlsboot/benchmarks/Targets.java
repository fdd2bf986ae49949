package dev.tlsboot.benchmarks;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;

import dev.tlsboot.benchmarks.Table.Column;

/**
 * The performance issue's targets, each judged on this run's figures: met, missed, or not measured (its case was not
 * selected, or failed). Ratios are (x)/(a) as the tables give them, above 1 better.
 * <ul>
 * <li>Observation nearly free: the geometric mean of (b)'s ratio over the handshake cases, and over the bulk
 * cases, with the lowest case named.</li>
 * <li>Revocation nearly free once cached: (b) {@code revocation: hard} / (a) {@code off} in the revocation case.</li>
 * <li>Native TLS: each native contender's ratio in the full TLS 1.3 ECDSA P-256 case, the one the issue quotes.</li>
 * <li>Registry, endpoint, starter: the medians of their cases; the starter's cost is (b)'s median less (a)'s.</li>
 * <li>Capacity: per server, TLS Boot's native contender against (a), Spring Boot's own SSL bundle, in
 * {@code s_time -new}; and, with no threshold in the issue, how close it comes to {@code openssl s_server} in the same
 * case (the ratio of the medians); and, with no threshold either, how many times less server CPU per connection
 * it takes than (a), which bounds what a server takes from many clients, where s_time's one client cannot tell.</li>
 * </ul>
 */
final class Targets {

	private static final String FULL_TLS13 = "TLSv1.3 ECDSA P-256 full";

	private Targets() {
	}

	/** The targets table for {@code results}. */
	static Table table(List<Result> results) {
		Table table = new Table(Column.text("target"), Column.text("figure"), Column.text(""));
		observation(table, results, "handshake", 0.97);
		observation(table, results, "bulk", 0.98);
		for (String key : List.of("e", "e-x25519", "f", "f-x25519", "f-p256")) {
			Optional<Result> result = find(results, "handshake", FULL_TLS13, key);
			judge(table, "native: " + label(result, key) + " / (a) >= 4 for " + FULL_TLS13 + " handshakes/s",
					result.map((found) -> ratio(found.vsBaseline()) + " (" + Report.number(found.median())
							+ "/s)"),
					result.map((found) -> found.vsBaseline() >= 4));
		}
		Optional<Result> revocation = find(results, RevocationDriver.GROUP, RevocationDriver.CASE, "b");
		judge(table, "revocation: (b) hard / (a) off >= 0.95 for " + RevocationDriver.CASE + " handshakes/s",
				revocation.map((found) -> ratio(found.vsBaseline()) + " (" + Report.number(found.median()) + "/s)"),
				revocation.map((found) -> found.vsBaseline() >= 0.95));
		Optional<Result> registry = results.stream()
			.filter((result) -> result.benchmark().group().equals("registry") && result.measured())
			.findFirst();
		judge(table, "registry <= 1 KB per entry", registry.map((found) -> Report.number(found.median()) + " bytes"),
				registry.map((found) -> found.median() <= 1024));
		for (String call : List.of("connections()", "tls()")) {
			Optional<Result> endpoint = find(results, "endpoint", call + " at 10000 entries", "b");
			judge(table, "endpoint " + call + " < 50 ms at 10 000 entries",
					endpoint.map((found) -> Report.number(found.median()) + " ms median; " + found.detail()),
					endpoint.map((found) -> found.median() < 50));
		}
		// With nothing set, the starter's cost is all TLS Boot's; with a context from PEM, the fair baseline is the same
		// PEM files as Spring Boot's own SSL bundle, since any TLS setup pays JSSE's cold start.
		startup(table, results, StartupDriver.Task.SPRING_WITH_TLS_BOOT_UNCONFIGURED,
				StartupDriver.Task.SPRING_WITHOUT_TLS_BOOT);
		startup(table, results, StartupDriver.Task.SPRING_WITH_TLS_BOOT, StartupDriver.Task.SPRING_SSL_BUNDLE);
		capacity(table, results);
		return table;
	}

	/** What {@code with} adds to the startup of {@code without}, against the target of 150 ms. */
	private static void startup(Table table, List<Result> results, StartupDriver.Task with,
			StartupDriver.Task without) {
		Optional<Result> measured = startupResult(results, with);
		Optional<Result> baseline = startupResult(results, without);
		Optional<Double> added = measured.flatMap((found) -> baseline.map((base) -> found.median() - base.median()));
		judge(table, "starter adds < 150 ms: " + with.label() + " less " + without.label(),
				added.map((ms) -> Report.number(ms) + " ms (" + Report.number(measured.orElseThrow().median()) + " - "
						+ Report.number(baseline.orElseThrow().median()) + ")"),
				added.map((ms) -> ms < 150));
	}

	private static Optional<Result> startupResult(List<Result> results, StartupDriver.Task task) {
		return results.stream()
			.filter((result) -> result.benchmark().name().equals(StartupDriver.SPRING_CASE)
					&& result.contender().label().equals(task.label()) && result.measured())
			.findFirst();
	}

	/** Per server: native TLS Boot / Spring Boot's bundle >= 3 for s_time -new, and the figure next to s_server. */
	private static void capacity(Table table, List<Result> results) {
		for (CapacityDriver.Server server : CapacityDriver.Server.values()) {
			String name = CapacityDriver.caseName(server, CapacityDriver.Mode.NEW);
			String key = server.nativeSetup().key();
			Optional<Result> measured = find(results, CapacityDriver.GROUP, name, key);
			Optional<Result> compared = measured.filter((found) -> !Double.isNaN(found.vsBaseline()));
			Optional<Result> bundle = find(results, CapacityDriver.GROUP, name, Case.BASELINE);
			judge(table, "capacity: " + label(measured, key) + " / (a) Spring Boot's SSL bundle >= 3 for " + name
					+ " connections/s",
					compared.map((found) -> ratio(found.vsBaseline()) + " (" + Report.number(found.median())
							+ "/s; (a) " + Report.number(bundle.orElseThrow().median()) + "/s)"),
					compared.map((found) -> found.vsBaseline() >= 3));
			Optional<Result> sServer = find(results, CapacityDriver.GROUP, name, CapacityDriver.Setup.S_SERVER.key());
			table.row("capacity: " + label(measured, key) + " close to openssl s_server for " + name
					+ " (no threshold set)",
					measured.flatMap((found) -> sServer.map((reference) -> ratio(found.median() / reference.median())
							+ " of s_server (" + Report.number(found.median()) + "/s; s_server "
							+ Report.number(reference.median()) + "/s)"))
						.orElse("not measured in this run"),
					"–");
			table.row("capacity, server CPU per connection (no target set): (a) / " + label(measured, key) + " for "
					+ name, measured.flatMap((found) -> bundle.map((baseline) -> cpu(baseline, found, sServer)))
						.orElse("not measured in this run"),
					"–");
		}
	}

	/** How many times less CPU per connection {@code measured} takes than {@code baseline}, with s_server's. */
	private static String cpu(Result baseline, Result measured, Optional<Result> sServer) {
		OptionalDouble base = CapacityDriver.serverCpuMillis(baseline);
		OptionalDouble own = CapacityDriver.serverCpuMillis(measured);
		if (base.isEmpty() || own.isEmpty()) {
			return "not known here";
		}
		OptionalDouble reference = sServer.map(CapacityDriver::serverCpuMillis).orElse(OptionalDouble.empty());
		return ratio(base.getAsDouble() / own.getAsDouble()) + " ((a) " + Report.number(base.getAsDouble()) + " ms, "
				+ Report.number(own.getAsDouble()) + " ms"
				+ (reference.isPresent() ? "; s_server " + Report.number(reference.getAsDouble()) + " ms" : "") + ")";
	}

	/** (b)/(a) over every case of {@code group}: the geometric mean, and the lowest case. */
	private static void observation(Table table, List<Result> results, String group, double target) {
		List<Result> observed = results.stream()
			.filter((result) -> result.benchmark().group().equals(group) && result.contender().key().equals("b")
					&& result.measured() && !Double.isNaN(result.vsBaseline()))
			.toList();
		Optional<Double> mean = observed.isEmpty() ? Optional.empty()
				: Optional.of(Math.exp(observed.stream().mapToDouble((result) -> Math.log(result.vsBaseline()))
					.average()
					.orElseThrow()));
		Optional<Result> lowest = observed.stream().min(Comparator.comparingDouble(Result::vsBaseline));
		judge(table, String.format(Locale.ROOT, "observation: (b) / (a) >= %.2f for %s", target, group),
				mean.map((value) -> ratio(value) + " geometric mean of " + observed.size() + " cases; lowest "
						+ ratio(lowest.orElseThrow().vsBaseline()) + " (" + lowest.orElseThrow().benchmark().name()
						+ ")"),
				mean.map((value) -> value >= target));
	}

	private static Optional<Result> find(List<Result> results, String group, String name, String key) {
		Predicate<Result> wanted = (result) -> result.benchmark().group().equals(group)
				&& result.benchmark().name().equals(name) && result.contender().key().equals(key)
				&& result.measured();
		return results.stream().filter(wanted).findFirst();
	}

	private static String label(Optional<Result> result, String key) {
		return result.map((found) -> found.contender().label()).orElse("(" + key + ")");
	}

	private static void judge(Table table, String target, Optional<String> figure, Optional<Boolean> met) {
		table.row(target, figure.orElse("not measured in this run"),
				met.map((yes) -> yes ? "met" : "**missed**").orElse("–"));
	}

	private static String ratio(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

}
