package dev.tlsboot.core.revocation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.status.RevocationStatus;

/**
 * The CRL at the distribution point a certificate names, fetched by TLS Boot over HTTP with the context's timeout
 * (the JDK fetches each distribution point once per JVM, whatever {@code com.sun.security.enableCRLDP} says), checked
 * against the issuer's key, and cached until its nextUpdate.
 */
final class DistributionPointSource implements RevocationSource {

	/** How long a CRL without nextUpdate is kept, and the bound on one with a distant nextUpdate. */
	static final Duration MAX_AGE = Duration.ofHours(24);

	/** A CRL with the key that signed it, so that it answers only for that issuer's certificates. */
	private record SignedCrl(X509CRL crl, PublicKey signer) {
	}

	private final HttpFetch http;

	private final FetchCache<URI, SignedCrl> cache;

	/**
	 * The distribution point each certificate names (empty: none), so that its extension is parsed once per
	 * certificate rather than on every handshake; the encoding fixes it. Bounded like the cache.
	 */
	private final BoundedMap<X509Certificate, Optional<URI>> pointOf = new BoundedMap<>();

	DistributionPointSource(HttpFetch http, Duration timeout) {
		this.http = http;
		this.cache = new FetchCache<>(timeout);
	}

	@Override
	public String kind() {
		return "crldp";
	}

	@Override
	public RevocationStatus status(X509Certificate certificate, X509Certificate issuer) {
		URI url = this.pointOf.remembered(certificate, (key) -> Optional.ofNullable(distributionPointOf(key)))
			.orElse(null);
		if (url == null) {
			return RevocationStatus.unknown("CRL distribution point", "the certificate names none");
		}
		String name = "CRL distribution point " + url;
		Fetched<SignedCrl> fetched = this.cache.get(url, () -> fetch(url, issuer), name);
		if (!fetched.ok()) {
			return RevocationStatus.unknown(name, fetched.error());
		}
		SignedCrl signed = fetched.value();
		if (!signed.crl().getIssuerX500Principal().equals(certificate.getIssuerX500Principal())
				|| !signed.signer().equals(issuer.getPublicKey())) {
			return RevocationStatus.unknown(name, "its CRL is not one of '"
					+ certificate.getIssuerX500Principal().getName() + "' (indirect CRLs are not supported)");
		}
		return CrlAnswer.of(signed.crl(), certificate, name);
	}

	private CompletableFuture<Fetched<SignedCrl>> fetch(URI url, X509Certificate issuer) {
		return this.http.get(url).handle((response, failure) -> (failure != null)
				? Fetched.failed("cannot be reached (" + failure.getCause() + ")",
						Instant.now().plus(OcspClient.RETRY_AFTER))
				: judge(response, issuer));
	}

	private static Fetched<SignedCrl> judge(HttpFetch.Response response, X509Certificate issuer) {
		Instant now = Instant.now();
		Instant retry = now.plus(OcspClient.RETRY_AFTER);
		if (response.statusCode() != 200) {
			return Fetched.failed("answered HTTP " + response.statusCode(), retry);
		}
		X509CRL crl;
		try {
			crl = (X509CRL) CertificateFactory.getInstance("X.509")
				.generateCRL(new ByteArrayInputStream(response.body()));
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return Fetched.failed("sent something that is not a CRL (" + ex.getMessage() + ")", retry);
		}
		try {
			crl.verify(issuer.getPublicKey());
		}
		catch (GeneralSecurityException ex) {
			return Fetched.failed("sent a CRL not signed by '" + issuer.getSubjectX500Principal().getName() + "'",
					retry);
		}
		if (CrlAnswer.isStale(crl)) {
			return Fetched.failed("sent a CRL past its nextUpdate (" + crl.getNextUpdate().toInstant() + ")", retry);
		}
		Instant bound = now.plus(MAX_AGE);
		Instant nextUpdate = CrlAnswer.instant(crl.getNextUpdate());
		return Fetched.of(new SignedCrl(crl, issuer.getPublicKey()),
				(nextUpdate != null && nextUpdate.isBefore(bound)) ? nextUpdate : bound);
	}

	/** The first HTTP URL among the certificate's CRL distribution points, or {@code null}. */
	static @Nullable URI distributionPointOf(X509Certificate certificate) {
		byte[] extension = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
		if (extension == null) {
			return null;
		}
		try {
			for (DistributionPoint point : CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension))
				.getDistributionPoints()) {
				DistributionPointName name = point.getDistributionPoint();
				if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
					continue;
				}
				for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
					String url = general.getName().toString();
					if (general.getTagNo() == GeneralName.uniformResourceIdentifier
							&& (url.startsWith("http://") || url.startsWith("https://"))) {
						return URI.create(url);
					}
				}
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			// a malformed extension names no distribution point
		}
		return null;
	}

}
