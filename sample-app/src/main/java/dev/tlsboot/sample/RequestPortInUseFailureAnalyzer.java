package dev.tlsboot.sample;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a taken {@code sample.request-port} into Spring Boot's failure report, which names the property, the port
 * and what to do, instead of a stack trace. Registered in {@code META-INF/spring.factories}.
 */
class RequestPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<RequestPortInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RequestPortInUseException cause) {
		return new FailureAnalysis(
				"The certificate request service could not listen on 127.0.0.1:" + cause.getPort()
						+ " (sample.request-port): the port is in use, perhaps by another run of the sample.",
				"Stop what listens on port " + cause.getPort() + ", or set sample.request-port to another port "
						+ "(0 for any free one), e.g. --sample.request-port=9911.",
				cause);
	}

}
