package dev.tlsboot.core.material;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A private key with its certificate chain, leaf first. Its {@code toString} never shows the key.
 *
 * @param privateKey the private key
 * @param chain the certificates, leaf first, never empty
 */
public record KeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {

	/** Checks the components and keeps immutable copies of the collections. */
	public KeyMaterial {
		Objects.requireNonNull(privateKey, "privateKey");
		chain = List.copyOf(chain);
		if (chain.isEmpty()) {
			throw new IllegalArgumentException("A certificate chain must hold at least the leaf");
		}
	}

	/**
	 * A key and its certificate chain given as PEM text, read with the rules of the {@code cert} and {@code key}
	 * options: the key may be PKCS#8, PKCS#1 RSA or SEC1 EC, encrypted or not, and must belong to a certificate of the
	 * chain.
	 * @param chainPem the certificates ({@code BEGIN CERTIFICATE}), leaf and issuers in any order
	 * @param keyPem the private key
	 * @param password the key's password, or {@code null} for an unencrypted key; it is not changed
	 * @return the key and chain, leaf first and in issuer order
	 * @throws dev.tlsboot.core.option.TlsConfigurationException naming {@code cert}, {@code key} or {@code password}
	 * when the PEM cannot be used
	 */
	public static KeyMaterial fromPem(String chainPem, String keyPem, char @Nullable [] password) {
		return KeyMaterialLoader.fromPem(chainPem, keyPem, password);
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
