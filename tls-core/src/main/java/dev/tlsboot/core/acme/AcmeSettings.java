package dev.tlsboot.core.acme;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.pki.KeyType;

/**
 * What {@link AcmeCertificateManager} needs to know: the CA, the domains, the challenge, where to keep what it gets.
 * Option names in errors are those of {@code tls.acme.*} without the prefix.
 *
 * @param directory the CA's RFC 8555 directory URL, or an acme4j {@code acme://} URI
 * @param domains the names the certificate is for; the first names the files in {@code storage}
 * @param email the account's contact, or {@code null}
 * @param acceptTerms whether the user accepts the CA's terms of service: without it nothing is ordered
 * @param challenge how the CA checks control of the domains
 * @param httpAddress the address the http-01 listener binds, or {@code null} for every address
 * @param httpPort the http-01 listener's port; {@code 0} for none
 * @param storage where account key, certificate and key are kept, with owner-only permissions
 * @param keyType the certificate's key type
 * @param renewBefore renew this long before the certificate ends; {@code null} for a third of its lifetime left
 * @param retryMax the longest wait between two failed attempts
 * @param eabKid the external account binding key id, for CAs that require one, or {@code null}
 * @param eabHmacKey the external account binding MAC key (base64url), or {@code null}
 * @param client the context that reaches the CA (its trust: a private ACME CA's), or {@code null} for the JDK's
 */
public record AcmeSettings(String directory, List<String> domains, @Nullable String email, boolean acceptTerms,
		AcmeChallenge challenge, @Nullable String httpAddress, int httpPort, Path storage, KeyType keyType,
		@Nullable Duration renewBefore, Duration retryMax, @Nullable String eabKid, @Nullable String eabHmacKey,
		@Nullable TlsContext client) {

	/** Keeps an immutable copy of the domains. */
	public AcmeSettings {
		Objects.requireNonNull(directory, "directory");
		domains = List.copyOf(domains);
		Objects.requireNonNull(challenge, "challenge");
		Objects.requireNonNull(storage, "storage");
		Objects.requireNonNull(keyType, "keyType");
		Objects.requireNonNull(retryMax, "retryMax");
	}

	/**
	 * Refuse what cannot work, before anything starts: terms not accepted, no domain, http-01 without a port.
	 * @throws TlsConfigurationException naming the setting at fault
	 */
	public void check() {
		if (!this.acceptTerms) {
			throw new TlsConfigurationException("acme.accept-terms", null,
					"ACME CAs issue certificates only to accounts that accept their terms of service, and TLS Boot "
							+ "accepts them only when told to.",
					"Read the terms of the CA at '" + this.directory + "' and set 'accept-terms' to true.");
		}
		if (this.domains.isEmpty() || this.domains.stream().anyMatch(String::isBlank)) {
			throw new TlsConfigurationException("acme.domains", null, "no domain to order a certificate for.",
					"List the names the certificate is for, e.g. [app.example.com].");
		}
		if (this.challenge == AcmeChallenge.HTTP_01 && (this.httpPort <= 0 || this.httpPort > 65535)) {
			throw new TlsConfigurationException("acme.http-port", null,
					"the http-01 challenge is answered over plain HTTP, and no port is set for it.",
					"Set 'http-port' to the port the CA reaches as port 80 (80 itself, or the port a proxy forwards "
							+ "80 to), or use 'challenge: tls-alpn-01'.");
		}
	}

	/** The certificate chain file in {@code storage}, which the managed context's {@code certfile} names. */
	public Path certificateFile() {
		return this.storage.resolve(baseName() + ".crt");
	}

	/** The private key file in {@code storage}, which the managed context's {@code keyfile} names. */
	public Path keyFile() {
		return this.storage.resolve(baseName() + ".key");
	}

	private String baseName() {
		// A wildcard names no file well.
		return this.domains.isEmpty() ? "certificate" : this.domains.get(0).replace("*", "_wildcard");
	}

	/**
	 * @param name {@code ec-p256}, {@code ec-p384}, {@code rsa-2048}, {@code rsa-3072}, {@code rsa-4096}
	 * @return the key type
	 * @throws TlsConfigurationException for any other
	 */
	public static KeyType keyType(String name) {
		String normalized = name.trim().toLowerCase(Locale.ROOT);
		return switch (normalized) {
			case "ec-p256" -> KeyType.EC_P256;
			case "ec-p384" -> KeyType.EC_P384;
			case "rsa-2048" -> KeyType.RSA_2048;
			case "rsa-3072" -> KeyType.RSA_3072;
			case "rsa-4096" -> KeyType.rsa(4096);
			default -> throw new TlsConfigurationException("acme.key-type", null,
					"'" + name + "' is not a key type ACME CAs issue for.",
					"Set it to ec-p256, ec-p384, rsa-2048, rsa-3072 or rsa-4096.");
		};
	}

}
