package dev.tlsboot.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.autoconfigure.reload.TlsReloads;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.acme.AcmeStatus;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.cipher.CipherSuite;
import dev.tlsboot.core.material.Location;
import dev.tlsboot.core.observe.UnobservedConsumer;
import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.option.TlsProtocol;
import dev.tlsboot.core.option.TlsRole;

/**
 * One context as the {@code tls} endpoint shows it: its options by their TclTLS names, what they came to, and its
 * certificates. No secret: passwords and key bytes are never shown, key file locations are.
 *
 * @param options the options, TclTLS names ({@code tls1.2}, {@code securityLevel}); {@code request} and
 * {@code require} per role, as each role has its own default
 * @param protocols the enabled protocols, newest first
 * @param ciphers the enabled cipher suites in preference order, OpenSSL names where OpenSSL has one
 * @param securityLevel the security level in force
 * @param certificateChain the context's own chain, leaf first; empty when it has none
 * @param trustAnchors how many CAs the context trusts
 * @param reload what rotation did, or {@code null} when its files never changed or rotation is off
 * @param provider the TLS implementation its {@code provider} option chose for each kind of consumer
 * @param revocation how it checks revocation (sources, the CRLs of {@code crlfile}, answers so far), or {@code null}
 * when it does not
 * @param acme what ACME did for it (directory, account, domains, renewal point, last order and its outcome, next
 * attempt), or {@code null} when {@code tls.acme} does not manage it
 * @param unobserved the libraries that make connections on it which TLS Boot cannot observe, and why, or
 * {@code null} when every connection is observed
 */
public record ContextDescriptor(Map<String, Object> options, List<String> protocols, List<String> ciphers,
		@Nullable int securityLevel, List<CertificateSummary> certificateChain, int trustAnchors, TlsReloads.Status reload,
		ProviderChoice provider, @Nullable RevocationDescriptor revocation, @Nullable AcmeStatus acme,
		@Nullable List<UnobservedConsumer> unobserved) {

	/**
	 * Describe a context.
	 * @param context the context
	 * @param now the moment to judge its certificates at
	 * @param warningThreshold how long before expiry a certificate counts as expiring soon
	 * @param reload what rotation did to it, or {@code null}
	 * @param acme what ACME did for it, or {@code null}
	 * @param unobserved the libraries declared unobserved on it
	 * @return the description
	 */
	public static ContextDescriptor of(TlsContext context, Instant now, Duration warningThreshold,
			TlsReloads.@Nullable Status reload, @Nullable AcmeStatus acme, List<UnobservedConsumer> unobserved) {
		List<String> ciphers = context.cipherSuites()
			.stream()
			.map((suite) -> CipherSuite.named(suite).map(CipherSuite::openSslName).orElse(suite))
			.toList();
		return new ContextDescriptor(options(context.options()), context.protocols(), ciphers,
				context.securityLevel(), CertificateSummary.of(context.certificateChain(), now, warningThreshold),
				context.trustAnchors().size(), reload, ProviderChoice.of(context), RevocationDescriptor.of(context, now),
				acme, unobserved.isEmpty() ? null : unobserved);
	}

	private static Map<String, Object> options(TlsOptions options) {
		Map<String, Object> shown = new LinkedHashMap<>();
		shown.put(TlsOption.CAFILE.optionName(), text(options.cafile()));
		shown.put(TlsOption.CADIR.optionName(), text(options.cadir()));
		shown.put(TlsOption.CASTORE.optionName(), options.castore());
		shown.put(TlsOption.CERTFILE.optionName(), text(options.certfile()));
		shown.put(TlsOption.KEYFILE.optionName(), text(options.keyfile()));
		shown.put(TlsOption.KEYALIAS.optionName(), options.keyalias());
		for (TlsProtocol protocol : TlsProtocol.values()) {
			shown.put(protocol.option().optionName(), options.enabled(protocol));
		}
		shown.put(TlsOption.CIPHER.optionName(), options.cipher());
		shown.put(TlsOption.CIPHERSUITES.optionName(), options.ciphersuites());
		shown.put(TlsOption.ALPN.optionName(), options.alpn());
		shown.put(TlsOption.SERVERNAME.optionName(), options.servername());
		shown.put(TlsOption.AUTOSERVERNAME.optionName(), options.autoservername());
		shown.put(TlsOption.REQUEST.optionName(), byRole(options::request));
		shown.put(TlsOption.REQUIRE.optionName(), byRole(options::require));
		shown.put("securityLevel", options.securityLevel());
		shown.put("handshakeTimeout", options.handshakeTimeout().toString());
		shown.put("postHandshake", options.postHandshake());
		shown.put("server", options.server());
		shown.put(TlsOption.CRLFILE.optionName(), text(options.crlfile()));
		shown.put(TlsOption.REVOCATION.optionName(), options.revocation().name().toLowerCase(Locale.ROOT));
		shown.put(TlsOption.REVOCATION_SCOPE.optionName(), options.revocationScope().name().toLowerCase(Locale.ROOT));
		shown.put(TlsOption.REVOCATION_TIMEOUT.optionName(), options.revocationTimeout().toString());
		shown.put(TlsOption.REVOCATION_OCSP.optionName(), options.revocationOcsp());
		shown.put(TlsOption.REVOCATION_CRLDP.optionName(), options.revocationCrldp());
		shown.put(TlsOption.OCSP_RESPONDER.optionName(),
				(options.ocspResponder() != null) ? options.ocspResponder().toString() : null);
		shown.put(TlsOption.OCSP_STAPLING.optionName(), options.ocspStapling());
		return shown;
	}

	private static Map<String, Boolean> byRole(Predicate<TlsRole> option) {
		Map<String, Boolean> byRole = new LinkedHashMap<>();
		for (TlsRole role : TlsRole.values()) {
			byRole.put(role.name().toLowerCase(Locale.ROOT), option.test(role));
		}
		return byRole;
	}

	private static String text(Location location) {
		return (location != null) ? location.text() : null;
	}

}
