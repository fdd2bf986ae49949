package dev.tlsboot.core.material;

import java.security.cert.X509Certificate;
import java.util.List;

import org.jspecify.annotations.Nullable;


/**
 * One consistent snapshot of a context's material: its own key and chain (if any) and the certificates it trusts.
 * A reload builds a new snapshot and swaps it in whole, never half.
 *
 * @param key the context's own key and certificate chain, or {@code null} when it has none
 * @param trustAnchors the certificates trusted as issuers of peer certificates
 */
public record TlsMaterial(@Nullable KeyMaterial key, List<X509Certificate> trustAnchors) {

	/** Keeps immutable copies of the lists. */
	public TlsMaterial {
		trustAnchors = List.copyOf(trustAnchors);
	}

	/**
	 * Load everything {@code options} names.
	 * @param options the options
	 * @return the material
	 * @throws dev.tlsboot.core.option.TlsConfigurationException naming the option and file at fault
	 */
	public static TlsMaterial load(MaterialOptions options) {
		return new TlsMaterial(KeyMaterialLoader.load(options), TrustMaterialLoader.load(options));
	}

}
