package dev.tlsboot.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;

import dev.tlsboot.autoconfigure.TlsContexts;

/**
 * The TLS Boot sample: TclTLS's "Managing Certificates from Tcl" example on Spring Boot. The server runs its own CA
 * ({@link SampleKeys}), hands out client certificates over a TLS socket ({@link CertificateRequestService}) and serves
 * an HTTPS API only to clients holding one ({@link TestController}); {@link SelfCheck} plays the client once at
 * startup. With the {@value #CLIENT_PROFILE} profile it is only that client, for a server started before.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class SampleApplication {

	/** The profile that runs the client alone: no CA, no request service, no web server. */
	public static final String CLIENT_PROFILE = "client";

	/**
	 * The certificate request service, on the server's own certificate ({@code tls.contexts.server1}), which asks
	 * for no client certificate.
	 */
	@Bean
	@Profile("!" + CLIENT_PROFILE)
	CertificateRequestService certificateRequestService(TlsContexts contexts, SampleProperties properties) {
		return new CertificateRequestService(contexts.get(SampleKeys.SERVER), properties.requestPort(),
				properties.requestLimits(), new SampleKeys(properties.keys()));
	}

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
