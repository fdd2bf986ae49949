package dev.tlsboot.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import dev.tlsboot.benchmarks.Case.Contender;
import dev.tlsboot.benchmarks.Trial.Sample;

/**
 * Runs one case: opens every selected contender's trial, warms each up, then measures them in turns, iteration by
 * iteration, each iteration starting with the next contender, so that a machine getting busier or quieter weighs
 * on all of them alike; then closes them. A contender that fails is reported as failed and the others go on.
 */
final class Runner {

	private Runner() {
	}

	/**
	 * Run {@code benchmark} with the selected contenders.
	 * @param benchmark the case
	 * @param settings the budgets and selections
	 * @return one result per selected contender, in the case's order
	 */
	static List<Result> run(Case benchmark, Settings settings) {
		List<Contender> contenders = benchmark.contenders().stream().filter(settings::selects).toList();
		List<Attempt> attempts = contenders.stream().map(Attempt::open).toList();
		try {
			attempts.forEach((attempt) -> attempt.run(settings.warmupBudget(), false));
			for (int iteration = 0; iteration < settings.iterations(); iteration++) {
				for (int turn = 0; turn < attempts.size(); turn++) {
					attempts.get((iteration + turn) % attempts.size()).run(settings.budget(), true);
				}
			}
		}
		finally {
			attempts.forEach(Attempt::close);
		}
		List<Sample> baseline = IntStream.range(0, contenders.size())
			.filter((i) -> contenders.get(i).key().equals(Case.BASELINE) && attempts.get(i).failure == null)
			.mapToObj((i) -> attempts.get(i).samples)
			.findFirst()
			.orElse(List.of());
		return IntStream.range(0, contenders.size())
			.mapToObj((i) -> attempts.get(i).result(benchmark, contenders.get(i), baseline))
			.toList();
	}

	/** The median of {@code values}; {@code NaN} when there are none. */
	static double median(List<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/** One contender's trial while the case runs: its samples, or why it stopped. */
	private static final class Attempt {

		private final Trial trial;

		private final List<Sample> samples = new ArrayList<>();

		private String failure;

		private final boolean skipped;

		private Attempt(Trial trial, String failure, boolean skipped) {
			this.trial = trial;
			this.failure = failure;
			this.skipped = skipped;
		}

		static Attempt open(Contender contender) {
			try {
				return new Attempt(contender.opener().open(), null, false);
			}
			catch (Trial.Skipped ex) {
				return new Attempt(null, ex.getMessage(), true);
			}
			catch (Exception ex) {
				return new Attempt(null, describe(ex), false);
			}
		}

		void run(Trial.Budget budget, boolean measured) {
			if (this.failure != null) {
				return;
			}
			try {
				Sample sample = this.trial.run(budget);
				if (measured) {
					this.samples.add(sample);
				}
			}
			catch (Exception ex) {
				this.failure = describe(ex);
			}
		}

		void close() {
			if (this.trial == null) {
				return;
			}
			try {
				this.trial.close();
			}
			catch (Exception ex) {
				this.failure = (this.failure != null) ? this.failure : describe(ex);
			}
		}

		Result result(Case benchmark, Contender contender, List<Sample> baseline) {
			String detail = (this.trial != null) ? this.trial.detail() : "";
			if (this.failure != null) {
				return new Result(benchmark, contender, List.of(), Double.NaN, detail, this.failure, this.skipped);
			}
			List<Double> ratios = IntStream.range(0, Math.min(baseline.size(), this.samples.size()))
				.mapToObj((i) -> benchmark.unit()
					.speedup(this.samples.get(i).value(), baseline.get(i).value()))
				.toList();
			return new Result(benchmark, contender, this.samples, median(ratios), detail, null, false);
		}

		private static String describe(Exception ex) {
			ex.printStackTrace();
			return (ex.getMessage() != null) ? ex.getMessage() : ex.toString();
		}

	}

}
