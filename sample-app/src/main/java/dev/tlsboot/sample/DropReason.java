package dev.tlsboot.sample;

/**
 * Why the certificate request service closed a connection without an answer: the {@code reason} tag of the metric
 * {@value CertificateRequestService#DROPPED_METRIC}, and the words of its log.
 */
enum DropReason {

	/** {@code sample.request-connections} were open already. */
	CONNECTION_LIMIT("connection-limit", "over sample.request-connections"),

	/** {@code sample.request-connections-per-address} were open from the client's address already. */
	ADDRESS_LIMIT("address-limit", "over sample.request-connections-per-address"),

	/** The handshake and the request line took longer than {@code sample.request-deadline}. */
	DEADLINE("deadline", "past sample.request-deadline");

	private final String tag;

	private final String description;

	DropReason(String tag, String description) {
		this.tag = tag;
		this.description = description;
	}

	/** The metric's {@code reason} tag. */
	String tag() {
		return this.tag;
	}

	/** Why, in a few words naming the property. */
	String description() {
		return this.description;
	}

}
