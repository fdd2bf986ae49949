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
		if (key == null) {
			return;
		}
		if (inMemory) {
			problem(key.leaf()).ifPresent((problem) -> logger.log(System.Logger.Level.WARNING,
					() -> "TLS context '" + context + "' serves a certificate that " + problem
							+ ", as the material handed to it asks: clients will refuse it."));
			return;
		}
		check(key, options, "Install a renewed certificate there: an expired certificate is never served, since "
				+ "every client would refuse it.", "Check the system clock, or install a certificate valid now.");
	}

	/** At reload: a new certificate that is not valid now is refused, and the current one keeps serving. */
	static void checkAtReload(@Nullable KeyMaterial key, TlsOptions options) {
		if (key == null) {
			return;
		}
		check(key, options, "Install a renewed certificate; the current one keeps serving.",
				"Check the clock, or install it when it is valid; the current one keeps serving.");
	}

	private static void check(KeyMaterial key, TlsOptions options, String renew, String wait) {
		X509Certificate leaf = key.leaf();
		String location = (options.certfile() != null) ? options.certfile().text() : null;
		String subject = "the certificate '" + leaf.getSubjectX500Principal().getName() + "'";
		try {
			leaf.checkValidity();
		}
		catch (CertificateExpiredException ex) {
			throw new TlsConfigurationException(TlsOption.CERTFILE, location,
					subject + " expired on " + leaf.getNotAfter().toInstant() + " (now " + Instant.now() + ").", renew,
					ex);
		}
		catch (CertificateNotYetValidException ex) {
			throw new TlsConfigurationException(TlsOption.CERTFILE, location, subject + " is not valid before "
					+ leaf.getNotBefore().toInstant() + " (now " + Instant.now() + ").", wait, ex);
		}
	}

	private static Optional<String> problem(X509Certificate leaf) {
		Instant now = Instant.now();
		if (now.isAfter(leaf.getNotAfter().toInstant())) {
			return Optional.of("expired on " + leaf.getNotAfter().toInstant());
		}
		if (now.isBefore(leaf.getNotBefore().toInstant())) {
			return Optional.of("is not valid before " + leaf.getNotBefore().toInstant());
		}
		return Optional.empty();
	}

}
