package dev.tlsboot.core.internal;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import org.jspecify.annotations.Nullable;

/** Finds the certificate that issued another: the one of the issuer's name whose key verifies its signature. */
public final class Issuers {

	private Issuers() {
	}

	/**
	 * The issuer of {@code certificate} among {@code candidates}.
	 * @param certificate the certificate
	 * @param candidates where to look: the rest of its chain, trust anchors
	 * @return the first candidate of the issuer's name whose key verifies the signature, or {@code null}
	 */
	public static @Nullable X509Certificate issuerOf(X509Certificate certificate,
			Iterable<X509Certificate> candidates) {
		for (X509Certificate candidate : candidates) {
			if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
				try {
					certificate.verify(candidate.getPublicKey());
					return candidate;
				}
				catch (GeneralSecurityException ex) {
					// another CA of the same name
				}
			}
		}
		return null;
	}

}
