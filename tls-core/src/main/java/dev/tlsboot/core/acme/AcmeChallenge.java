package dev.tlsboot.core.acme;

import java.util.Arrays;

import dev.tlsboot.core.option.TlsConfigurationException;

/**
 * How the CA checks that this server answers for the domain.
 */
public enum AcmeChallenge {

	/** RFC 8555 8.3: a token fetched over plain HTTP from {@code /.well-known/acme-challenge/} on the http port. */
	HTTP_01("http-01"),

	/** RFC 8737: a handshake offering ALPN {@code acme-tls/1} on the TLS port gets a challenge certificate. */
	TLS_ALPN_01("tls-alpn-01");

	private final String type;

	AcmeChallenge(String type) {
		this.type = type;
	}

	/** The challenge type as ACME names it ({@code http-01}, {@code tls-alpn-01}). */
	public String type() {
		return this.type;
	}

	/**
	 * @param type {@code http-01} or {@code tls-alpn-01}
	 * @return the challenge
	 * @throws TlsConfigurationException for any other
	 */
	public static AcmeChallenge of(String type) {
		return Arrays.stream(values())
			.filter((challenge) -> challenge.type.equalsIgnoreCase(type.trim()))
			.findFirst()
			.orElseThrow(() -> new TlsConfigurationException("acme.challenge", null,
					"'" + type + "' is not a challenge TLS Boot answers.", "Set it to 'tls-alpn-01' or 'http-01'."));
	}

	@Override
	public String toString() {
		return this.type;
	}

}
