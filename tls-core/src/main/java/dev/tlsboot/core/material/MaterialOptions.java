package dev.tlsboot.core.material;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.spi.PasswordProvider;

/**
 * The options that say where a context's key and trust come from, as {@link TlsMaterial#load(MaterialOptions)}
 * reads them. {@code dev.tlsboot.core.TlsOptions} is the implementation users build; this view keeps the loaders
 * independent of the rest of the options.
 */
public interface MaterialOptions {

	/** {@code cafile}: a file of trusted CA certificates, or {@code null}. */
	@Nullable Location cafile();

	/** {@code cadir}: a directory of trusted CA certificates, or {@code null}. */
	@Nullable Location cadir();

	/** {@code castore}: trust store URIs ({@code system}, {@code file:...}), empty when not set. */
	List<String> castore();

	/** Whether any of {@code cafile}, {@code cadir} or {@code castore} is set. */
	boolean hasExplicitTrust();

	/** {@code certfile}: the certificate chain (PEM, DER) or a key store (PKCS#12, JKS), or {@code null}. */
	@Nullable Location certfile();

	/** {@code keyfile}: the private key, or {@code null} when it is in {@code certfile}. */
	@Nullable Location keyfile();

	/** {@code cert}: the certificate as DER bytes, or {@code null}. */
	byte @Nullable [] cert();

	/** {@code key}: the private key as DER bytes, or {@code null}. */
	byte @Nullable [] key();

	/** Whether a certificate is given, as a file or as bytes. */
	boolean hasKeyMaterial();

	/** {@code keyalias}: the key store entry to use, or {@code null} for the only key entry. */
	@Nullable String keyalias();

	/** {@code crlfile}: a file or directory of certificate revocation lists, or {@code null}. */
	@Nullable Location crlfile();

	/** Whether peer certificates are checked for revocation, so that {@code crlfile} is loaded. */
	boolean checksRevocation();

	/** {@code password}: where the passwords of encrypted keys and key stores come from. */
	PasswordProvider password();

}
