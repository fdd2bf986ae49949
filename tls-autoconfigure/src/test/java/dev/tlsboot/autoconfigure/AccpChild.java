package dev.tlsboot.autoconfigure;

import java.security.Security;
import java.security.Signature;
import java.time.Duration;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.net.ssl.SSLSession;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tlsboot.actuate.TlsEndpoint;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.test.TestCertificates;

/**
 * The child JVM of {@link AccpCryptoProviderTests}: installing ACCP changes the whole JVM, so it never happens in
 * the JVM the other tests share. Starts a non-web Spring application with {@code tls.crypto-provider=accp} (the
 * environment post-processor installs it), makes one TLS connection on 127.0.0.1 between the default context
 * (server) and the context {@code client}, and prints what a user would check, one {@code key: value} per line.
 * When startup fails, prints {@code failed: } and the exception; the failure analysis is in the log (stderr).
 */
public final class AccpChild {

	private AccpChild() {
	}

	public static void main(String[] args) throws Exception {
		try (TestCertificates certs = TestCertificates.create()) {
			run(certs);
		}
	}

	private static void run(TestCertificates certs) throws Exception {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.properties("tls.crypto-provider=accp", "tls.certfile=" + certs.location("server.crt"),
					"tls.keyfile=" + certs.location("server.key"), "tls.cafile=" + certs.location("ca.crt"),
					"tls.contexts.client.certfile=", "tls.contexts.client.keyfile=", "spring.main.banner-mode=off");
		ConfigurableApplicationContext application;
		try {
			application = builder.run();
		}
		catch (RuntimeException ex) {
			System.out.println("failed: " + ex);
			return;
		}
		try (application) {
			TlsContexts contexts = application.getBean(TlsContexts.class);
			System.out.println("first JCA provider: " + Security.getProviders()[0].getName());
			System.out.println("ECDH: " + KeyAgreement.getInstance("ECDH").getProvider().getName());
			System.out.println("XDH: " + KeyAgreement.getInstance("XDH").getProvider().getName());
			System.out.println("SHA256withECDSA: " + Signature.getInstance("SHA256withECDSA").getProvider().getName());
			System.out.println("AES/GCM/NoPadding: " + Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName());
			System.out.println("RSASSA-PSS: " + Signature.getInstance("RSASSA-PSS").getProvider().getName());
			try (LoopbackConnection connection = LoopbackConnection.open(contexts.getDefault(),
					contexts.get("client"))) {
				SSLSession session = connection.client().getSession();
				System.out.println("protocol: " + session.getProtocol());
				System.out.println("suite: " + session.getCipherSuite());
			}
			TlsEndpoint endpoint = new TlsEndpoint(contexts, application.getBean(ConnectionRegistry.class),
					Duration.ofDays(30), null);
			System.out.println("endpoint cryptoProvider: " + endpoint.tls().provider().cryptoProvider());
			System.out.println("endpoint name: " + endpoint.tls().provider().name());
		}
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration(TlsAutoConfiguration.class)
	static class Config {

	}

}
