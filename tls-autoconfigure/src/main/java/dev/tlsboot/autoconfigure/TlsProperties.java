package dev.tlsboot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.tlsboot.core.CryptoImplementation;

/**
 * TLS Boot's properties. The options at {@code tls.*} are the default context's, and the defaults of every named
 * context at {@code tls.contexts.<name>.*}, which overrides only what it sets:
 * <pre>{@code
 * tls:
 *   cafile: classpath:ca.pem
 *   tls1.2: false
 *   contexts:
 *     billing: { cafile: classpath:billing-ca.pem, servername: billing.internal }
 *   client: { context: billing }
 * }</pre>
 */
@ConfigurationProperties("tls")
public class TlsProperties extends ContextProperties {

	/** The name of the context the options at {@code tls.*} configure. */
	public static final String DEFAULT_CONTEXT = "default";

	/**
	 * Named contexts. Each inherits the options set at 'tls.*' and overrides those it sets.
	 */
	private final Map<String, ContextProperties> contexts = new LinkedHashMap<>();

	private final Server server = new Server();

	private final Client client = new Client();

	private final HttpsHandler httpsHandler = new HttpsHandler();

	private final Connections connections = new Connections();

	private final Health health = new Health();

	private final Reload reload = new Reload();

	private final Debug debug = new Debug();

	/**
	 * JCA provider for the cryptography under the JDK's TLS: 'jdk' leaves the JVM's providers alone; 'accp'
	 * installs the Amazon Corretto Crypto Provider (software.amazon.cryptools:AmazonCorrettoCryptoProvider with the
	 * platform's classifier, e.g. linux-x86_64) as the first JCA provider at startup, before any context is built,
	 * and fails startup when it is missing or does not load. A setting of the whole JVM, not of a context: JCA
	 * providers are per process, so every Signature, KeyAgreement, Cipher and digest anything in the JVM asks for
	 * comes from ACCP afterwards; there is no 'tls.contexts.<name>.crypto-provider'. The JDK's TLS stack itself
	 * stays, with all its options and features; for BoringSSL's TLS stack see 'provider'.
	 */
	private CryptoImplementation cryptoProvider = CryptoImplementation.JDK;

	public CryptoImplementation getCryptoProvider() {
		return this.cryptoProvider;
	}

	public void setCryptoProvider(CryptoImplementation cryptoProvider) {
		this.cryptoProvider = cryptoProvider;
	}

	public Map<String, ContextProperties> getContexts() {
		return this.contexts;
	}

	public Server getServer() {
		return this.server;
	}

	public Client getClient() {
		return this.client;
	}

	public HttpsHandler getHttpsHandler() {
		return this.httpsHandler;
	}

	public Connections getConnections() {
		return this.connections;
	}

	public Reload getReload() {
		return this.reload;
	}

	public Health getHealth() {
		return this.health;
	}

	public Debug getDebug() {
		return this.debug;
	}

	/**
	 * TLS of the embedded web server. Not to be combined with Spring Boot's 'server.ssl.*'.
	 */
	public static class Server {

		/**
		 * Context the web server uses. The default context when not set.
		 */
		private String context;

		/**
		 * Whether the server asks clients for a certificate. The context's 'request' when not set.
		 */
		private Boolean request;

		/**
		 * Whether the server refuses clients without a valid certificate. The context's 'require' when not set.
		 */
		private Boolean require;

		/**
		 * Whether the server staples the OCSP response about its certificate to its handshakes, so that clients
		 * need not ask the responder. On the JDK's TLS (Tomcat, Jetty, Reactor Netty with provider jdk) this sets
		 * the JVM-wide jdk.tls.server.enableStatusRequestExtension.
		 */
		private boolean ocspStapling;

		/**
		 * Contexts by the host name a client asks for (SNI): exact names and '*.example.com' wildcards, the most
		 * specific match first.
		 */
		private final Map<String, String> sni = new LinkedHashMap<>();

		/**
		 * Context for clients whose SNI name matches no entry of 'sni', or who send none. 'context' when not set.
		 */
		private String fallback;

		public String getContext() {
			return this.context;
		}

		public void setContext(String context) {
			this.context = context;
		}

		public Boolean getRequest() {
			return this.request;
		}

		public void setRequest(Boolean request) {
			this.request = request;
		}

		public Boolean getRequire() {
			return this.require;
		}

		public void setRequire(Boolean require) {
			this.require = require;
		}

		public boolean isOcspStapling() {
			return this.ocspStapling;
		}

		public void setOcspStapling(boolean ocspStapling) {
			this.ocspStapling = ocspStapling;
		}

		public Map<String, String> getSni() {
			return this.sni;
		}

		public String getFallback() {
			return this.fallback;
		}

		public void setFallback(String fallback) {
			this.fallback = fallback;
		}

	}

	/**
	 * TLS of the HTTP clients (RestClient, RestTemplate, WebClient, the JDK's HttpClient).
	 */
	public static class Client {

		/**
		 * Context the HTTP clients use. The default context when not set.
		 */
		private String context;

		/**
		 * Contexts by the host called: exact names and '*.example.com' wildcards, the most specific match first.
		 * Hosts that match none use 'context'.
		 */
		private final Map<String, String> routes = new LinkedHashMap<>();

		public String getContext() {
			return this.context;
		}

		public void setContext(String context) {
			this.context = context;
		}

		public Map<String, String> getRoutes() {
			return this.routes;
		}

	}

	/**
	 * The JVM-wide HTTPS default, like Tcl's 'http::register https 443 tls::socket'.
	 */
	public static class HttpsHandler {

		/**
		 * Whether to make the client context the JVM-wide default for HttpsURLConnection and SSLContext.getDefault().
		 */
		private boolean register;

		public boolean isRegister() {
			return this.register;
		}

		public void setRegister(boolean register) {
			this.register = register;
		}

	}

	/**
	 * The registry of TLS connections.
	 */
	public static class Connections {

		/**
		 * Maximum number of connections tracked at once; the oldest closed ones are forgotten first.
		 */
		private int maxTracked = 1000;

		/**
		 * Whether connection events (handshake start and end, failures, sessions, closes) are also published as
		 * Spring ApplicationEvents (TlsConnectionEvent).
		 */
		private boolean applicationEvents = true;

		public int getMaxTracked() {
			return this.maxTracked;
		}

		public void setMaxTracked(int maxTracked) {
			this.maxTracked = maxTracked;
		}

		public boolean isApplicationEvents() {
			return this.applicationEvents;
		}

		public void setApplicationEvents(boolean applicationEvents) {
			this.applicationEvents = applicationEvents;
		}

	}

	/**
	 * The 'tls' health indicator, which checks the certificates of every context.
	 */
	public static class Health {

		/**
		 * How long before a certificate expires that the health indicator warns about it.
		 */
		private Duration warningThreshold = Duration.ofDays(14);

		/**
		 * How long an OCSP responder of a context's revocation check may fail before the health indicator warns
		 * about it.
		 */
		private Duration responderThreshold = Duration.ofMinutes(5);

		public Duration getWarningThreshold() {
			return this.warningThreshold;
		}

		public void setWarningThreshold(Duration warningThreshold) {
			this.warningThreshold = warningThreshold;
		}

		public Duration getResponderThreshold() {
			return this.responderThreshold;
		}

		public void setResponderThreshold(Duration responderThreshold) {
			this.responderThreshold = responderThreshold;
		}

	}

	/**
	 * Certificate rotation without a restart.
	 */
	public static class Reload {

		/**
		 * Watch the files of every context (certfile, keyfile, cafile, cadir, castore files) and reload a context
		 * when they change. A set that cannot be used is refused and the current material keeps serving.
		 */
		private boolean enabled = true;

		/**
		 * How long the files must be left alone before they are read, so that a certificate and its key written
		 * one after the other are read as one set.
		 */
		private Duration quietPeriod = Duration.ofSeconds(2);

		/**
		 * How often the files' contents are compared, for volumes where watching does not work.
		 */
		private Duration pollInterval = Duration.ofMinutes(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getQuietPeriod() {
			return this.quietPeriod;
		}

		public void setQuietPeriod(Duration quietPeriod) {
			this.quietPeriod = quietPeriod;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

	}

	/**
	 * Debugging aids that weaken security; each is off by default.
	 */
	public static class Debug {

		/**
		 * File to append the TLS secrets of Netty channels on OpenSSL to, in the NSS key log format (SSLKEYLOGFILE)
		 * that Wireshark reads. Anyone who can read it can decrypt those connections. The JDK has no key log, so
		 * sockets, Tomcat, Jetty and JDK-provider channels are not logged. Refused with a 'prod' profile active
		 * unless 'allow-in-production' is set.
		 */
		private Path keylogFile;

		/**
		 * Whether 'keylog-file' may be used while a 'prod' profile is active.
		 */
		private boolean allowInProduction;

		public Path getKeylogFile() {
			return this.keylogFile;
		}

		public void setKeylogFile(Path keylogFile) {
			this.keylogFile = keylogFile;
		}

		public boolean isAllowInProduction() {
			return this.allowInProduction;
		}

		public void setAllowInProduction(boolean allowInProduction) {
			this.allowInProduction = allowInProduction;
		}

	}

}
