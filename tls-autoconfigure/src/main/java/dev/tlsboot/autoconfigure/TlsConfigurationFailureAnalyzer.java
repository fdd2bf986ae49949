package dev.tlsboot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.tlsboot.core.option.TlsConfigurationException;

/**
 * Explains a {@link TlsConfigurationException} that stopped startup: the property at fault, the file it names, the
 * property it conflicts with, what is wrong and what to do.
 */
class TlsConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<TlsConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TlsConfigurationException cause) {
		StringBuilder description = new StringBuilder("Invalid TLS configuration:\n\n");
		description.append("    Property: ").append(cause.option()).append('\n');
		if (cause.location() != null) {
			description.append("    File: ").append(cause.location()).append('\n');
		}
		if (cause.conflictingOption() != null) {
			description.append("    Conflicts with: ").append(cause.conflictingOption());
			if (cause.conflictingLocation() != null) {
				description.append(" (").append(cause.conflictingLocation()).append(')');
			}
			description.append('\n');
		}
		description.append("    Reason: ").append(cause.problem());
		return new FailureAnalysis(description.toString(), cause.action(), cause);
	}

}
