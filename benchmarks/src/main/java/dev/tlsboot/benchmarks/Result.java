package dev.tlsboot.benchmarks;

import java.util.List;

import dev.tlsboot.benchmarks.Case.Contender;
import dev.tlsboot.benchmarks.Trial.Sample;

/**
 * What one contender achieved in one case.
 *
 * @param benchmark the case
 * @param contender the contender
 * @param samples one per measured iteration, in order; empty when it failed
 * @param vsBaseline the median, over iterations, of how many times better each iteration was than the baseline's
 * iteration of the same turn (1 for the baseline itself); {@code NaN} without a baseline
 * @param detail what the trial checked it measured
 * @param failure why the contender failed or was skipped, or {@code null}
 * @param skipped whether it could not run here ({@link Trial.Skipped}), which is no failure
 */
record Result(Case benchmark, Contender contender, List<Sample> samples, double vsBaseline, String detail,
		String failure, boolean skipped) {

	Result {
		samples = List.copyOf(samples);
	}

	/** The median of the iterations' figures. */
	double median() {
		return Runner.median(values());
	}

	/** The lowest iteration's figure. */
	double min() {
		return values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
	}

	/** The highest iteration's figure. */
	double max() {
		return values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
	}

	/** The operations measured, over all iterations. */
	long operations() {
		return this.samples.stream().mapToLong(Sample::operations).sum();
	}

	/** Whether the contender failed. */
	boolean failed() {
		return this.failure != null && !this.skipped;
	}

	/** Whether the contender has figures: it neither failed nor was skipped. */
	boolean measured() {
		return this.failure == null;
	}

	private List<Double> values() {
		return this.samples.stream().map(Sample::value).toList();
	}

}
