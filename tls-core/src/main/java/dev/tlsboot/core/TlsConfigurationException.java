package dev.tlsboot.core;

import java.util.Objects;

/**
 * A TLS option that cannot be used as given: names the option, the file (when there is one), what is wrong and what
 * to do about it. Thrown while a {@link TlsContext} is built, so that a bad configuration fails at startup.
 */
public class TlsConfigurationException extends RuntimeException {

	private final String option;

	private final String location;

	private final String problem;

	private final String action;

	/**
	 * @param option the option at fault, in its TclTLS name ({@code keyfile}, {@code cipher}, ...)
	 * @param location the file or resource involved, or {@code null}
	 * @param problem what is wrong, as one sentence
	 * @param action what the user should do, as one sentence
	 * @param cause the underlying error, or {@code null}
	 */
	public TlsConfigurationException(String option, String location, String problem, String action, Throwable cause) {
		super(message(option, location, problem, action), cause);
		this.option = Objects.requireNonNull(option, "option");
		this.location = location;
		this.problem = Objects.requireNonNull(problem, "problem");
		this.action = Objects.requireNonNull(action, "action");
	}

	public TlsConfigurationException(String option, String location, String problem, String action) {
		this(option, location, problem, action, null);
	}

	private static String message(String option, String location, String problem, String action) {
		String where = (location != null) ? " (" + location + ")" : "";
		return "Option '" + option + "'" + where + ": " + problem + " " + action;
	}

	/** The option at fault, in its TclTLS name, e.g. {@code keyfile}. */
	public String option() {
		return this.option;
	}

	/** The file or resource involved, or {@code null} when the option is not a location. */
	public String location() {
		return this.location;
	}

	/** What is wrong. */
	public String problem() {
		return this.problem;
	}

	/** What to do about it. */
	public String action() {
		return this.action;
	}

	/**
	 * The same error reported against another option name, e.g. when a named context's option is known to the user
	 * as {@code tls.contexts.billing.keyfile}.
	 * @param qualifiedOption the name to report
	 * @return a copy naming {@code qualifiedOption}
	 */
	public TlsConfigurationException withOption(String qualifiedOption) {
		TlsConfigurationException copy = new TlsConfigurationException(qualifiedOption, this.location, this.problem,
				this.action, getCause());
		copy.setStackTrace(getStackTrace());
		return copy;
	}

}
