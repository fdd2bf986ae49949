package dev.tlsboot.core;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.material.KeyMaterial;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;

/**
 * A context never starts serving, nor swaps in, a certificate of its own that every client would refuse: expired or
 * not yet valid. Material handed in as objects ({@link TlsContext.Builder#material}) is served as given, with a
 * warning, since that is how a test shows a client an expired server.
 */
final class CertificateValidity {

	private static final System.Logger logger = System.getLogger(CertificateValidity.class.getName());

	private CertificateValidity() {
	}

	/** At build: the certificate the options name must be valid now. */
	static void checkAtBuild(String context, @Nullable KeyMaterial key, TlsOptions options, boolean inMemory) {
		invalid(key, options, "Install a renewed certificate there: an expired certificate is never served, since "
				+ "every client would refuse it.", "Check the system clock, or install a certificate valid now.")
			.ifPresent((refusal) -> {
				if (!inMemory) {
					throw refusal;
				}
				logger.log(System.Logger.Level.WARNING, () -> "TLS context '" + context + "' serves it all the same, "
						+ "as the material handed to it asks; clients will refuse it: " + refusal.problem());
			});
	}

	/** At reload: a new certificate that is not valid now is refused, and the current one keeps serving. */
	static void checkAtReload(@Nullable KeyMaterial key, TlsOptions options) {
		invalid(key, options, "Install a renewed certificate; the current one keeps serving.",
				"Check the clock, or install it when it is valid; the current one keeps serving.")
			.ifPresent((refusal) -> {
				throw refusal;
			});
	}

	/** Why the context's own certificate cannot serve now, with the action for each case; empty when it can. */
	private static Optional<TlsConfigurationException> invalid(@Nullable KeyMaterial key, TlsOptions options,
			String renew, String wait) {
		if (key == null) {
			return Optional.empty();
		}
		X509Certificate leaf = key.leaf();
		String location = (options.certfile() != null) ? options.certfile().text() : null;
		String subject = "the certificate '" + leaf.getSubjectX500Principal().getName() + "'";
		try {
			leaf.checkValidity();
			return Optional.empty();
		}
		catch (CertificateExpiredException ex) {
			return Optional.of(new TlsConfigurationException(TlsOption.CERTFILE, location,
					subject + " expired on " + leaf.getNotAfter().toInstant() + " (now " + Instant.now() + ").", renew,
					ex));
		}
		catch (CertificateNotYetValidException ex) {
			return Optional.of(new TlsConfigurationException(TlsOption.CERTFILE, location, subject
					+ " is not valid before " + leaf.getNotBefore().toInstant() + " (now " + Instant.now() + ").", wait,
					ex));
		}
	}

}
