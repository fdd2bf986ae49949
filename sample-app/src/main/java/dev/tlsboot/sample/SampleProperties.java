package dev.tlsboot.sample;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sample's own settings, {@code sample.*}. The TLS contexts themselves are {@code tls.*} in application.yml.
 *
 * @param keys the server's PKI directory: the CA, the server certificate and the certificates issued
 * @param requestPort the port of the certificate request service, on 127.0.0.1 ({@code 0} for any free one)
 * @param requestDeadline how long a connection to the request service may take in all: handshake, request line and
 * answer
 * @param requestConnections how many connections the request service keeps open at most
 * @param requestConnectionsPerAddress how many of them may come from one client address
 * @param selfCheck whether the client runs once at startup
 * @param client the client's settings
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("keys") Path keys, @DefaultValue("9901") int requestPort,
		@DefaultValue("30s") Duration requestDeadline, @DefaultValue("512") int requestConnections,
		@DefaultValue("8") int requestConnectionsPerAddress, @DefaultValue("true") boolean selfCheck,
		@DefaultValue Client client) {

	/**
	 * @throws IllegalArgumentException when a request limit is not positive
	 */
	public SampleProperties {
		new CertificateRequestService.Limits(requestDeadline, requestConnections, requestConnectionsPerAddress);
	}

	/** What the request service allows its clients. */
	public CertificateRequestService.Limits requestLimits() {
		return new CertificateRequestService.Limits(this.requestDeadline, this.requestConnections,
				this.requestConnectionsPerAddress);
	}

	/**
	 * The client of the self-check and of the {@value SampleApplication#CLIENT_PROFILE} profile.
	 *
	 * @param name the common name it asks a certificate for
	 * @param email the e-mail address it gives with the request
	 * @param keys where it keeps its certificate and key ({@code <name>.crt}, {@code <name>.key})
	 */
	public record Client(@DefaultValue("sample-client") String name,
			@DefaultValue("sample-client@localhost") String email, @DefaultValue("keys-client") Path keys) {

		/**
		 * @throws IllegalArgumentException when the service would refuse the name or the address, saying why
		 */
		public Client {
			new CertificateRequest(name, email);
		}

		/** What the client asks the service for. */
		public CertificateRequest request() {
			return new CertificateRequest(this.name, this.email);
		}

		/** The client's certificate file. */
		public Path certificateFile() {
			return this.keys.resolve(this.name + ".crt");
		}

		/** The client's key file. */
		public Path keyFile() {
			return this.keys.resolve(this.name + ".key");
		}

	}

}
