package dev.tlsboot.pki;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate signed for a request whose key stays with the requester, and the chain up to (not including) the
 * root, leaf first: what a CA sends back for a CSR.
 *
 * @param chain the certificate followed by any intermediates
 */
public record SignedCertificate(List<X509Certificate> chain) {

	/** Keeps immutable copies of the lists. */
	public SignedCertificate {
		chain = List.copyOf(chain);
	}

	/** The certificate signed. */
	public X509Certificate certificate() {
		return this.chain.get(0);
	}

	/** The certificate as PEM. */
	public String certificatePem() {
		return Pem.write(List.of(certificate()));
	}

	/** The certificate and intermediates as one PEM bundle, ready to go next to the requester's key. */
	public String chainPem() {
		return Pem.write(this.chain);
	}

	@Override
	public String toString() {
		return "SignedCertificate[" + certificate().getSubjectX500Principal().getName() + "]";
	}

}
