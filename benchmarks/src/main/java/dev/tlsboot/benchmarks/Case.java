package dev.tlsboot.benchmarks;

import java.util.List;

/**
 * One thing measured, by several contenders side by side: e.g. full TLS 1.3 handshakes with an ECDSA P-256
 * certificate, by the raw JDK and by TLS Boot. Ratios are taken against the contender keyed {@value #BASELINE}.
 * <p>
 * A driver makes its cases; a new case is one more {@code Case} there, a new implementation one more
 * {@link Implementation} (or, for a non-socket one, one more {@link Contender} in the driver's cases).
 *
 * @param group what kind of figure: {@code handshake}, {@code bulk}, {@code registry}, {@code endpoint},
 * {@code startup} or {@code capacity}; one table each
 * @param name what is measured within the group, e.g. {@code TLSv1.3 ECDSA P-256 mTLS full}
 * @param unit the unit of the figures
 * @param contenders the contenders, in the order the report lists them
 */
record Case(String group, String name, Unit unit, List<Contender> contenders) {

	/**
	 * The key of the contender every other one is compared with: (a), the raw JDK; in the capacity cases, Spring
	 * Boot's own SSL bundle.
	 */
	static final String BASELINE = "a";

	Case {
		contenders = List.copyOf(contenders);
	}

	/** The group and name: what {@code bench.cases} selects on. */
	String id() {
		return this.group + " " + this.name;
	}

	/** What a case's figures count, and which way is better. */
	enum Unit {

		HANDSHAKES_PER_SECOND("handshakes/s", true),

		CONNECTIONS_PER_SECOND("connections/s", true),

		MEGABYTES_PER_SECOND("MB/s", true),

		MILLISECONDS("ms", false),

		BYTES("bytes", false);

		private final String symbol;

		private final boolean higherIsBetter;

		Unit(String symbol, boolean higherIsBetter) {
			this.symbol = symbol;
			this.higherIsBetter = higherIsBetter;
		}

		/** The unit as the report writes it, with the direction that is better. */
		String describe() {
			return this.symbol + ", " + (this.higherIsBetter ? "higher" : "lower") + " is better";
		}

		/** How many times better {@code value} is than {@code baseline}: above 1 is better, in either unit. */
		double speedup(double value, double baseline) {
			return this.higherIsBetter ? value / baseline : baseline / value;
		}

	}

	/**
	 * One implementation's part in a case.
	 *
	 * @param key the short name {@code bench.implementations} selects, e.g. {@code a}
	 * @param label the name in the report, e.g. {@code (a) raw JDK}
	 * @param opener opens the trial when the case runs
	 */
	record Contender(String key, String label, Opener opener) {

		/** The contender of {@code implementation}, measured by the trial {@code opener} opens. */
		static Contender of(Implementation implementation, Opener opener) {
			return new Contender(implementation.key(), implementation.label(), opener);
		}

	}

	/** Opens a trial: starts its server, writes its files. */
	@FunctionalInterface
	interface Opener {

		Trial open() throws Exception;

	}

}
