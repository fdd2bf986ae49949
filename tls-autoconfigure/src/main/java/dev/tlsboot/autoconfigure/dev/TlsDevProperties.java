package dev.tlsboot.autoconfigure.dev;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Development certificates: a local CA and a server certificate, created on first start and reused.
 */
@ConfigurationProperties("tls.dev")
public class TlsDevProperties {

	/**
	 * Create (once) and use a local CA and a server certificate for localhost, 127.0.0.1, ::1 and this machine's name,
	 * for the default context when it has no certfile of its own; a web application then serves HTTPS with them on
	 * server.port, unless 'tls.server.*' or 'server.ssl.*' configure its TLS. Never for production.
	 */
	private boolean enabled;

	/**
	 * Where the CA and the server certificate are kept between starts.
	 */
	private String directory = "./.tls-dev";

	/**
	 * Further names for the server certificate.
	 */
	private List<String> hostNames = new ArrayList<>();

	/**
	 * How long before its end the server certificate is issued again, at startup.
	 */
	private Duration renewBefore = Duration.ofDays(30);

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

	public List<String> getHostNames() {
		return this.hostNames;
	}

	public void setHostNames(List<String> hostNames) {
		this.hostNames = hostNames;
	}

	public Duration getRenewBefore() {
		return this.renewBefore;
	}

	public void setRenewBefore(Duration renewBefore) {
		this.renewBefore = renewBefore;
	}

}
