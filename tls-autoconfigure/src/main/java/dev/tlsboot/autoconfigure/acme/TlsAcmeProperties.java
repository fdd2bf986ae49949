package dev.tlsboot.autoconfigure.acme;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.acme.AcmeChallenge;
import dev.tlsboot.core.acme.AcmeSettings;
import dev.tlsboot.core.option.TlsConfigurationException;

/**
 * A certificate obtained and renewed from an ACME CA (Let's Encrypt, a private ACME CA) for one context.
 */
@ConfigurationProperties("tls.acme")
public class TlsAcmeProperties {

	/**
	 * Obtain the context's certificate from the ACME CA at 'directory' and renew it, in the background: the server
	 * starts at once, with the stored certificate or a placeholder until the first one arrives. Needs
	 * org.shredzone.acme4j:acme4j-client on the classpath.
	 */
	private boolean enabled;

	/**
	 * The CA's RFC 8555 directory URL, or an acme4j URI such as 'acme://letsencrypt.org/staging'.
	 */
	private String directory = "https://acme-v02.api.letsencrypt.org/directory";

	/**
	 * The names the certificate is for; the first names the files in 'storage'.
	 */
	private List<String> domains = new ArrayList<>();

	/**
	 * Contact address of the ACME account, for the CA's notices.
	 */
	private @Nullable String email;

	/**
	 * Whether you accept the CA's terms of service: required, as nothing is ordered otherwise.
	 */
	private boolean acceptTerms;

	/**
	 * How the CA checks control of the domains: 'tls-alpn-01' through the web server's own TLS port (needs
	 * 'tls.server' serving 'context'), or 'http-01' through a plain listener on 'http-port'.
	 */
	private String challenge = "tls-alpn-01";

	/**
	 * Port of the http-01 listener, which the CA reaches as port 80: it listens while the application runs, bound to
	 * 'server.address' when set, answers challenges and redirects every other request to the HTTPS port.
	 */
	private @Nullable Integer httpPort;

	/**
	 * Where the account key, the certificate and its key are kept (owner-only), shared by instances that share it.
	 */
	private String storage = "./.tls-acme";

	/**
	 * The context whose certificate ACME obtains and renews; its 'certfile' and 'keyfile' become the files in
	 * 'storage'.
	 */
	private String context = "default";

	/**
	 * The context that reaches the ACME CA, whose trust a private ACME CA needs. The default context when not set.
	 */
	private @Nullable String clientContext;

	/**
	 * Key type of the certificate: 'ec-p256', 'ec-p384', 'rsa-2048', 'rsa-3072' or 'rsa-4096'.
	 */
	private String keyType = "ec-p256";

	/**
	 * How long before its end the certificate is renewed. A third of its lifetime when not set.
	 */
	private @Nullable Duration renewBefore;

	/**
	 * Longest wait between two failed attempts, which start at seconds and double, with jitter.
	 */
	private Duration retryMax = Duration.ofHours(1);

	/**
	 * External account binding, for CAs that require one.
	 */
	private final Eab eab = new Eab();

	/**
	 * The core's settings from these properties; errors name the property at fault.
	 * @param httpAddress where the http-01 listener binds ({@code server.address}), or {@code null}
	 * @param client the context that reaches the CA, or {@code null} at startup, before contexts exist
	 * @throws TlsConfigurationException naming the {@code tls.acme.*} property that cannot work
	 */
	AcmeSettings toSettings(@Nullable String httpAddress, @Nullable TlsContext client) {
		try {
			AcmeSettings settings = new AcmeSettings(this.directory, this.domains, this.email, this.acceptTerms,
					AcmeChallenge.of(this.challenge), httpAddress, (this.httpPort != null) ? this.httpPort : 0,
					Path.of(this.storage), AcmeSettings.keyType(this.keyType), this.renewBefore, this.retryMax,
					this.eab.getKid(), this.eab.getHmacKey(), client);
			settings.check();
			return settings;
		}
		catch (TlsConfigurationException ex) {
			throw named(ex);
		}
	}

	/** The core's failure with its option named as a property: the core names them as tls.acme.* does, unprefixed. */
	static TlsConfigurationException named(TlsConfigurationException ex) {
		return new TlsConfigurationException("tls." + ex.option(), ex.location(), ex.problem(), ex.action());
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getDirectory() {
		return this.directory;
	}

	public void setDirectory(String directory) {
		this.directory = directory;
	}

	public List<String> getDomains() {
		return this.domains;
	}

	public void setDomains(List<String> domains) {
		this.domains = domains;
	}

	public @Nullable String getEmail() {
		return this.email;
	}

	public void setEmail(@Nullable String email) {
		this.email = email;
	}

	public boolean isAcceptTerms() {
		return this.acceptTerms;
	}

	public void setAcceptTerms(boolean acceptTerms) {
		this.acceptTerms = acceptTerms;
	}

	public String getChallenge() {
		return this.challenge;
	}

	public void setChallenge(String challenge) {
		this.challenge = challenge;
	}

	public @Nullable Integer getHttpPort() {
		return this.httpPort;
	}

	public void setHttpPort(@Nullable Integer httpPort) {
		this.httpPort = httpPort;
	}

	public String getStorage() {
		return this.storage;
	}

	public void setStorage(String storage) {
		this.storage = storage;
	}

	public String getContext() {
		return this.context;
	}

	public void setContext(String context) {
		this.context = context;
	}

	public @Nullable String getClientContext() {
		return this.clientContext;
	}

	public void setClientContext(@Nullable String clientContext) {
		this.clientContext = clientContext;
	}

	public String getKeyType() {
		return this.keyType;
	}

	public void setKeyType(String keyType) {
		this.keyType = keyType;
	}

	public @Nullable Duration getRenewBefore() {
		return this.renewBefore;
	}

	public void setRenewBefore(@Nullable Duration renewBefore) {
		this.renewBefore = renewBefore;
	}

	public Duration getRetryMax() {
		return this.retryMax;
	}

	public void setRetryMax(Duration retryMax) {
		this.retryMax = retryMax;
	}

	public Eab getEab() {
		return this.eab;
	}

	/**
	 * External account binding (RFC 8555 7.3.4).
	 */
	public static class Eab {

		/**
		 * Key identifier the CA gave you.
		 */
		private @Nullable String kid;

		/**
		 * MAC key the CA gave you, base64url-encoded.
		 */
		private @Nullable String hmacKey;

		public @Nullable String getKid() {
			return this.kid;
		}

		public void setKid(@Nullable String kid) {
			this.kid = kid;
		}

		public @Nullable String getHmacKey() {
			return this.hmacKey;
		}

		public void setHmacKey(@Nullable String hmacKey) {
			this.hmacKey = hmacKey;
		}

	}

}
