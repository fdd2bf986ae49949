package dev.tlsboot.core.material;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate chain, leaf first. Its {@code toString} never shows the key.
 *
 * @param privateKey the private key
 * @param chain the certificates, leaf first, never empty
 */
public record KeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {

	public KeyMaterial {
		Objects.requireNonNull(privateKey, "privateKey");
		chain = List.copyOf(chain);
		if (chain.isEmpty()) {
			throw new IllegalArgumentException("A certificate chain must hold at least the leaf");
		}
	}

	/** The leaf certificate, the one whose public key matches {@link #privateKey()}. */
	public X509Certificate leaf() {
		return this.chain.get(0);
	}

	@Override
	public String toString() {
		return "KeyMaterial[" + this.privateKey.getAlgorithm() + " key, leaf "
				+ leaf().getSubjectX500Principal().getName() + ", chain of " + this.chain.size() + "]";
	}

}
