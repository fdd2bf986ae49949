package dev.tlsboot.core.option;

import java.util.Objects;
import java.util.function.UnaryOperator;

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

	private final @Nullable String conflictingOption;

	private final @Nullable String conflictingLocation;

	/**
	 * @param option the option at fault, in its TclTLS name ({@code keyfile}, {@code cipher}, ...)
	 * @param location the file or resource involved, or {@code null}
	 * @param problem what is wrong, as one sentence
	 * @param action what the user should do, as one sentence
	 * @param cause the underlying error, or {@code null}
	 */
	public TlsConfigurationException(String option, @Nullable String location, String problem, String action,
			@Nullable Throwable cause) {
		this(option, location, null, null, problem, action, cause);
	}

	private TlsConfigurationException(String option, @Nullable String location, @Nullable String conflictingOption,
			@Nullable String conflictingLocation, String problem, String action, @Nullable Throwable cause) {
		super(message(option, location, conflictingOption, conflictingLocation, problem, action), cause);
		this.option = Objects.requireNonNull(option, "option");
		this.location = location;
		this.conflictingOption = conflictingOption;
		this.conflictingLocation = conflictingLocation;
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

	private static String message(String option, @Nullable String location, @Nullable String conflictingOption,
			@Nullable String conflictingLocation, String problem, String action) {
		String conflict = (conflictingOption != null) ? " conflicts with '" + conflictingOption + "'"
				+ where(conflictingLocation) : "";
		return "Option '" + option + "'" + where(location) + conflict + ": " + problem + " " + action;
	}

	private static String where(@Nullable String location) {
		return (location != null) ? " (" + location + ")" : "";
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
	 * The other option, set together with this one, that it conflicts with: {@code certfile} naming a keystore,
	 * which holds a key, beside {@code keyfile}.
	 * @return its TclTLS name or, outside the core, the property that set it; {@code null} when there is none
	 */
	public @Nullable String conflictingOption() {
		return this.conflictingOption;
	}

	/** The file or resource of the {@linkplain #conflictingOption() conflicting option}, or {@code null}. */
	public @Nullable String conflictingLocation() {
		return this.conflictingLocation;
	}

	/**
	 * The same error, naming the option it conflicts with as well.
	 * @param other the other option, set together with this one
	 * @param otherLocation the other option's file or resource, or {@code null}
	 * @return a copy naming both
	 */
	public TlsConfigurationException conflictingWith(TlsOption other, @Nullable String otherLocation) {
		return copy(this.option, other.optionName(), otherLocation);
	}

	/**
	 * The same error with each option it names (the one at fault, the one it conflicts with) as the user knows it,
	 * e.g. when a named context's option is known as {@code tls.contexts.billing.keyfile}.
	 * @param qualify from the name this error has to the name to report, e.g. {@code keyfile} to
	 * {@code tls.contexts.billing.keyfile}
	 * @return a copy naming the qualified options
	 */
	public TlsConfigurationException withOptions(UnaryOperator<String> qualify) {
		return copy(qualify.apply(this.option),
				(this.conflictingOption != null) ? qualify.apply(this.conflictingOption) : null,
				this.conflictingLocation);
	}

	private TlsConfigurationException copy(String option, @Nullable String conflictingOption,
			@Nullable String conflictingLocation) {
		TlsConfigurationException copy = new TlsConfigurationException(option, this.location, conflictingOption,
				conflictingLocation, this.problem, this.action, getCause());
		copy.setStackTrace(getStackTrace());
		return copy;
	}

}
