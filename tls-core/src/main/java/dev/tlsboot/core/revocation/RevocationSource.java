package dev.tlsboot.core.revocation;

import java.security.cert.X509Certificate;

import dev.tlsboot.core.status.RevocationStatus;

/** One place that can say whether a certificate is revoked: a CRL file, a distribution point, an OCSP responder. */
interface RevocationSource {

	/** The kind of source, as metrics count it: {@code crlfile}, {@code ocsp} or {@code crldp}. */
	String kind();

	/**
	 * What this source says about {@code certificate}.
	 * @param certificate the certificate asked about
	 * @param issuer the certificate of its issuer, which signed it (and the CRLs or responses about it)
	 * @return good, revoked, or unknown with the reason; never an exception
	 */
	RevocationStatus status(X509Certificate certificate, X509Certificate issuer);

}
