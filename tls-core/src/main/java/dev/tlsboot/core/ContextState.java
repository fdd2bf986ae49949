package dev.tlsboot.core;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;

import dev.tlsboot.core.material.KeyMaterial;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.observe.ConnectionObserver;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.revocation.RevocationChecker;
import dev.tlsboot.core.revocation.RevocationMode;
import dev.tlsboot.core.revocation.RevocationSettings;

/**
 * What a context makes from its options and material with the JSSE provider; a reload swaps in a copy with the new
 * material.
 */
record ContextState(TlsMaterial material, TlsParameters parameters, VerifyingTrustManager trustManager,
		SSLContext sslContext) {

	private static final System.Logger logger = System.getLogger(TlsContext.class.getName());

	/**
	 * Make the parameters, trust manager and SSLContext from {@code material}, checking them and the context's own
	 * certificate against the options.
	 * @param origin how the context was built: options, name, registry, validators and listeners
	 * @param keyManager the context's key manager, which serves {@code material}'s key
	 */
	static ContextState make(TlsContext.Builder origin, X509ExtendedKeyManager keyManager, TlsMaterial material) {
		TlsOptions options = origin.options;
		try {
			// The security level the parameters settle on (@SECLEVEL in 'cipher' wins) governs the trust manager.
			TlsParameters parameters = new TlsParameters(options);
			SecurityLevel level = parameters.securityLevel();
			checkOwnCertificate(material.key(), level, options);
			ConnectionObserver observer = origin.observer(level.level());
			VerifyingTrustManager trustManager = new VerifyingTrustManager(material.trustAnchors(), level, options,
					observer, revocation(options, material));
			if (options.ocspStapling() && parameters.provider() == JsseImplementation.JDK) {
				// Read as the SSLContext is made.
				JdkStapling.enable(origin.name);
			}
			SSLContext provided = parameters.provider().newContext();
			provided.init(new KeyManager[] { keyManager }, new TrustManager[] { trustManager }, null);
			return new ContextState(material, parameters, trustManager,
					ConfiguredSslContextSpi.wrap(provided, parameters, observer, origin.acmeTlsChallenges));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The TLS provider " + options.provider() + " is not usable", ex);
		}
	}

	/** The revocation check the options ask for, or {@code null} when revocation is off. */
	private static RevocationChecker revocation(TlsOptions options, TlsMaterial material) {
		if (options.revocation() == RevocationMode.OFF) {
			if (options.crlfile() != null) {
				logger.log(System.Logger.Level.WARNING, () -> "'" + TlsOption.CRLFILE + "' (" + options.crlfile()
						+ ") is ignored: '" + TlsOption.REVOCATION + "' is off. Remove one of them.");
			}
			return null;
		}
		String crlfile = (options.crlfile() != null) ? options.crlfile().text() : null;
		return new RevocationChecker(new RevocationSettings(options.revocation(), options.revocationScope(), crlfile,
				options.revocationOcsp(), options.ocspResponder(), options.revocationCrldp(),
				options.revocationTimeout()), material.crls(),
				material.trustAnchors());
	}

	/** This state serving {@code next}: the managers are swapped in place, the SSLContext stays. */
	ContextState with(TlsMaterial next) {
		return new ContextState(next, this.parameters, this.trustManager, this.sslContext);
	}

	/** A context's own certificate chain must pass its security level, at build and at every reload. */
	static void checkOwnCertificate(KeyMaterial key, SecurityLevel level, TlsOptions options) {
		if (key == null) {
			return;
		}
		for (X509Certificate certificate : key.chain()) {
			Optional<String> problem = level.problemWith(certificate);
			if (problem.isPresent()) {
				String location = (options.certfile() != null) ? options.certfile().text() : null;
				throw new TlsConfigurationException(TlsOption.CERTFILE, location, problem.get() + ".",
						"Use a certificate with a larger key and a SHA-256 (or better) signature, or lower "
								+ "'security-level' (now " + level.level() + ").");
			}
		}
	}

}
