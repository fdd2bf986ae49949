package dev.tlsboot.benchmarks;

import java.time.Duration;

/**
 * One contender's part in one case, opened before its first iteration and closed after its last: a loopback
 * server with its client, or the files a fresh JVM reads. {@link #run} measures one iteration (or a warm-up).
 */
interface Trial extends AutoCloseable {

	/**
	 * Measure until the budget's time or operations run out, whichever comes first.
	 * @param budget how long the run may take and how many operations it may do
	 * @return the figure, in the case's unit, and the operations behind it
	 * @throws Exception when the run failed or could not show that it measured what it claims
	 */
	Sample run(Budget budget) throws Exception;

	/** What the trial checked it measured, e.g. the protocol and suite negotiated, with counts so far. */
	String detail();

	@Override
	default void close() throws Exception {
	}

	/**
	 * How long a run may take and how many operations it may do.
	 *
	 * @param time the most time
	 * @param operations the most operations
	 */
	record Budget(Duration time, long operations) {

		/**
		 * Whether a run may do one more operation.
		 * @param startNanos when the run started, from {@link System#nanoTime()}
		 * @param done the operations done so far
		 * @return {@code true} while both time and operations are left
		 */
		boolean allows(long startNanos, long done) {
			return done < this.operations && System.nanoTime() - startNanos < this.time.toNanos();
		}

	}

	/**
	 * Thrown when a trial cannot run here, for a reason that is no failure of what is measured (a native library
	 * that does not load on this platform): the report shows the reason, and the run still passes.
	 */
	final class Skipped extends Exception {

		private static final long serialVersionUID = 1L;

		Skipped(String reason) {
			super(reason);
		}

	}

	/**
	 * What one run measured.
	 *
	 * @param value the figure, in the case's unit
	 * @param operations the operations behind it (handshakes, writes, builds)
	 */
	record Sample(double value, long operations) {
	}

}
