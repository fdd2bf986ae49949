package dev.tlsboot.autoconfigure.server;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.context.ConfigurableApplicationContext;

import dev.tlsboot.actuate.TlsEndpoint;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.testing.OpenSslCa;
import dev.tlsboot.testing.OpenSslCli;
import dev.tlsboot.testing.StaplingPki;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tls.server.ocsp-stapling: true} staples the server certificate's OCSP response, from {@code openssl ocsp}
 * answering from a real {@code openssl ca} index, on every web server and Netty provider, as {@code openssl s_client
 * -status} and {@code curl --cert-status} see it.
 */
class ServerOcspStaplingTests {

	@RegisterExtension
	static final StaplingPki pki = new StaplingPki("Stapling Server Root");

	private static OpenSslCa ca;

	@BeforeAll
	static void issue() {
		ca = pki.ca();
		ca.valid(pki.server().build()).writeTo(pki.directory(), "server");
		pki.startResponder();
	}

	private static ConfigurableApplicationContext run(TestApplications server, String provider, boolean stapling) {
		// The certificate is the root's own: the JDK finds the issuer it needs for the request in cafile.
		return server.runOn(provider, Map.of("tls.certfile", "file:" + pki.file("server.crt"), "tls.keyfile",
				"file:" + pki.file("server.key"), "tls.cafile", "file:" + ca.certificateFile(),
				"tls.server.ocsp-stapling", String.valueOf(stapling)));
	}

	@ParameterizedTest
	@CsvSource({ "TOMCAT, jdk", "JETTY, jdk", "REACTOR_NETTY, jdk", "REACTOR_NETTY, openssl" })
	void theServerStaplesAGoodResponseThatOpenSslAndCurlAccept(TestApplications server, String provider) {
		try (ConfigurableApplicationContext application = run(server, provider, true)) {
			int port = TestApplications.port(application);
			String status = OpenSslCli.opensslWithInput("", "s_client", "-connect", "127.0.0.1:" + port,
					"-servername", "localhost", "-status", "-CAfile", ca.certificateFile().toString()).output();
			assertThat(status).contains("OCSP Response Status: successful", "Cert Status: good",
					"Verify return code: 0 (ok)");
			OpenSslCli.Result curl = curlCertStatus(port);
			assertThat(curl.exitCode()).as(curl.output()).isZero();
			// Every context's SSLContext runs on the JDK (provider openssl is Netty's), so the JVM's switch is on.
			TlsEndpoint endpoint = new TlsEndpoint(application.getBean(TlsContexts.class),
					application.getBean(ConnectionRegistry.class), Duration.ofDays(30), null);
			assertThat(endpoint.tls().jdkServerStapling()).isTrue();
		}
	}

	@ParameterizedTest
	@CsvSource({ "TOMCAT, jdk", "REACTOR_NETTY, openssl" })
	void withoutTheOptionCurlFindsNoStaple(TestApplications server, String provider) {
		try (ConfigurableApplicationContext application = run(server, provider, false)) {
			OpenSslCli.Result curl = curlCertStatus(TestApplications.port(application));
			assertThat(curl.exitCode()).isNotZero();
			assertThat(curl.output()).contains("No OCSP response received");
		}
	}

	private static OpenSslCli.Result curlCertStatus(int port) {
		return OpenSslCli.curl("--cert-status", "--cacert", ca.certificateFile().toString(), "--resolve",
				"localhost:" + port + ":127.0.0.1", "https://localhost:" + port + "/");
	}

}
