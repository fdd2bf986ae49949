package dev.tlsboot.core.revocation;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.tlsboot.core.status.RevocationStatus;

/**
 * The OCSP responder a certificate names in its authority information access, or {@code ocsp-responder} instead,
 * asked by {@link OcspClient}; what it says is cached until its nextUpdate.
 */
final class OcspSource implements RevocationSource {

	private final OcspClient client;

	private final FetchCache<OcspClient.Key, RevocationStatus> cache;

	/** Since when each responder whose last answer was a failure has failed. */
	private final BoundedMap<URI, Instant> failingSince = new BoundedMap<>();

	/**
	 * The responder asked about each certificate (empty: none), so that its authority information access is parsed
	 * once per certificate rather than on every handshake; the encoding fixes it.
	 */
	private final BoundedMap<X509Certificate, Optional<URI>> responderOf = new BoundedMap<>();

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
		URI url = this.responderOf
			.remembered(certificate, (key) -> Optional.ofNullable(this.client.responderFor(key)))
			.orElse(null);
		if (url == null) {
			return RevocationStatus.unknown("OCSP", OcspClient.NO_RESPONDER);
		}
		String name = OcspClient.name(url);
		Fetched<RevocationStatus> fetched = this.cache.get(OcspClient.Key.of(certificate, url),
				() -> this.client.fetch(url, certificate, issuer).thenApply((response) -> {
					if (response.ok()) {
						this.failingSince.remove(url);
					}
					else if (this.failingSince.get(url) == null) {
						this.failingSince.put(url, Instant.now());
					}
					return response.map(OcspClient.OcspResponse::status);
				}),
				name);
		return fetched.ok() ? fetched.value() : RevocationStatus.unknown(name, fetched.error());
	}

	/** The answers kept now, each with what it is about. */
	List<OcspCacheEntry> cached() {
		List<OcspCacheEntry> cached = new ArrayList<>();
		this.cache.snapshot().forEach((key, fetched) -> {
			String name = OcspClient.name(key.responder());
			cached.add(new OcspCacheEntry(key.responder().toString(), key.issuer().getName(),
					key.serial().toString(16).toUpperCase(Locale.ROOT),
					fetched.ok() ? fetched.value() : RevocationStatus.unknown(name, fetched.error()),
					fetched.expires()));
		});
		cached.sort(Comparator.comparing(OcspCacheEntry::responder).thenComparing(OcspCacheEntry::serial));
		return cached;
	}

	/** The responders whose last answer was a failure, by URL, with the moment they started failing. */
	Map<String, Instant> failingResponders() {
		Map<String, Instant> failing = new TreeMap<>();
		this.failingSince.snapshot().forEach((url, since) -> failing.put(url.toString(), since));
		return failing;
	}

}
