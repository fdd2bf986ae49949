package dev.tlsboot.core.material;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

import org.jspecify.annotations.Nullable;


/**
 * One consistent snapshot of a context's material: its own key and chain (if any) and the certificates it trusts.
 * A reload builds a new snapshot and swaps it in whole, never half.
 *
 * @param key the context's own key and certificate chain, or {@code null} when it has none
 * @param trustAnchors the certificates trusted as issuers of peer certificates
 * @param crls the revocation lists of {@code crlfile}, each signed by one of the trust anchors
 */
public record TlsMaterial(@Nullable KeyMaterial key, List<X509Certificate> trustAnchors, List<X509CRL> crls) {

	/** Keeps immutable copies of the lists. */
	public TlsMaterial {
		trustAnchors = List.copyOf(trustAnchors);
		crls = List.copyOf(crls);
	}

	/**
	 * Material without revocation lists.
	 * @param key the context's own key and certificate chain, or {@code null} when it has none
	 * @param trustAnchors the certificates trusted as issuers of peer certificates
	 */
	public TlsMaterial(@Nullable KeyMaterial key, List<X509Certificate> trustAnchors) {
		this(key, trustAnchors, List.of());
	}

	/**
	 * This material with another key: the trust and the revocation lists stay.
	 * @param next the key and chain to serve, or {@code null} for none
	 * @return the material
	 */
	public TlsMaterial withKey(@Nullable KeyMaterial next) {
		return new TlsMaterial(next, this.trustAnchors, this.crls);
	}

	/**
	 * Load everything {@code options} names.
	 * @param options the options
	 * @return the material
	 * @throws dev.tlsboot.core.option.TlsConfigurationException naming the option and file at fault
	 */
	public static TlsMaterial load(MaterialOptions options) {
		List<X509Certificate> anchors = TrustMaterialLoader.load(options);
		return new TlsMaterial(KeyMaterialLoader.load(options), anchors, Crls.load(options, anchors));
	}

}
