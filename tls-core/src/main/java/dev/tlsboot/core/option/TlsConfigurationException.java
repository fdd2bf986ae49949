package dev.tlsboot.core.option;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A TLS option that cannot be used as given: names the option, the file (when there is one), what is wrong and what
 * to do about it. Thrown while a {@link dev.tlsboot.core.TlsContext} is built, so that a bad configuration fails at startup.
 */
public class TlsConfigurationException extends RuntimeException {

	private final String option;

	private final @Nullable String location;

	private final String problem;

	private final String action;

	/**
	 * @param option the option at fault, in its TclTLS name ({@code keyfile}, {@code cipher}, ...)
	 * @param location the file or resource involved, or {@code null}
	 * @param problem what is wrong, as one sentence
	 * @param action what the user should do, as one sentence
	 * @param cause the underlying error, or {@code null}
	 */
	public TlsConfigurationException(String option, @Nullable String location, String problem, String action,
			@Nullable Throwable cause) {
		super(message(option, location, problem, action), cause);
		this.option = Objects.requireNonNull(option, "option");
		this.location = location;
		this.problem = Objects.requireNonNull(problem, "problem");
		this.action = Objects.requireNonNull(action, "action");
	}

	/**
	 * @param option the option at fault, in its TclTLS name or, outside the core, the property that set it
	 * @param location the file or resource involved, or {@code null}
	 * @param problem what is wrong, as one sentence
	 * @param action what the user should do, as one sentence
	 */
	public TlsConfigurationException(String option, @Nullable String location, String problem, String action) {
		this(option, location, problem, action, null);
	}

	/**
	 * @param option the option at fault
	 * @param location the file or resource involved, or {@code null}
	 * @param problem what is wrong, as one sentence
	 * @param action what the user should do, as one sentence
	 * @param cause the underlying error, or {@code null}
	 */
	public TlsConfigurationException(TlsOption option, @Nullable String location, String problem, String action,
			@Nullable Throwable cause) {
		this(option.optionName(), location, problem, action, cause);
	}

	/**
	 * @param option the option at fault
	 * @param location the file or resource involved, or {@code null}
	 * @param problem what is wrong, as one sentence
	 * @param action what the user should do, as one sentence
	 */
	public TlsConfigurationException(TlsOption option, @Nullable String location, String problem, String action) {
		this(option.optionName(), location, problem, action, null);
	}

	private static String message(String option, @Nullable String location, String problem, String action) {
		String where = (location != null) ? " (" + location + ")" : "";
		return "Option '" + option + "'" + where + ": " + problem + " " + action;
	}

	/** The option at fault, in its TclTLS name, e.g. {@code keyfile}. */
	public String option() {
		return this.option;
	}

	/** The file or resource involved, or {@code null} when the option is not a location. */
	public @Nullable String location() {
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
