package dev.tlsboot.core.revocation;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;

import dev.tlsboot.core.status.RevocationStatus;

/**
 * The OCSP responder a certificate names in its authority information access, or {@code ocsp-responder} instead,
 * asked by {@link OcspClient}; what it says is cached until its nextUpdate.
 */
final class OcspSource implements RevocationSource {

	private final OcspClient client;

	private final FetchCache<OcspClient.Key, RevocationStatus> cache;

	/**
	 * @param client asks the responders
	 * @param timeout {@code revocation-timeout}
	 */
	OcspSource(OcspClient client, Duration timeout) {
		this.client = client;
		this.cache = new FetchCache<>(timeout);
	}

	@Override
	public String kind() {
		return "ocsp";
	}

	@Override
	public RevocationStatus status(X509Certificate certificate, X509Certificate issuer) {
		URI url = this.client.responderFor(certificate);
		if (url == null) {
			return RevocationStatus.unknown("OCSP", OcspClient.NO_RESPONDER);
		}
		String name = OcspClient.name(url);
		Fetched<RevocationStatus> fetched = this.cache.get(OcspClient.Key.of(certificate, url),
				() -> this.client.fetch(url, certificate, issuer)
					.thenApply((response) -> response.map(OcspClient.OcspResponse::status)),
				name);
		return fetched.ok() ? fetched.value() : RevocationStatus.unknown(name, fetched.error());
	}

}
