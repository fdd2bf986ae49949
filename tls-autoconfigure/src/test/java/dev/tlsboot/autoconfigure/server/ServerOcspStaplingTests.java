package dev.tlsboot.autoconfigure.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.handler.ssl.OpenSsl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.context.ConfigurableApplicationContext;

import dev.tlsboot.actuate.TlsEndpoint;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.testing.OpenSslCa;
import dev.tlsboot.testing.OpenSslCli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code tls.server.ocsp-stapling: true} staples the server certificate's OCSP response, from {@code openssl ocsp}
 * answering from a real {@code openssl ca} index, on every web server and Netty provider, as {@code openssl s_client
 * -status} and {@code curl --cert-status} see it.
 */
class ServerOcspStaplingTests {

	private static final String JDK_SWITCH = "jdk.tls.server.enableStatusRequestExtension";

	@TempDir
	static Path dir;

	private static OpenSslCa ca;

	private static OpenSslCli.Server responder;

	private static String previousSwitch;

	@BeforeAll
	static void pki() throws Exception {
		previousSwitch = System.getProperty(JDK_SWITCH);
		int port = OpenSslCli.freePort();
		ca = OpenSslCa.create(dir.resolve("ca"), CertificateAuthority.root("Stapling Server Root"));
		ca.valid(ca.ca().issue().commonName("localhost").subjectAltNames("localhost", "127.0.0.1").serverAuth()
			.ocspResponder("http://127.0.0.1:" + port).build()).writeTo(dir, "server");
		responder = ca.responder(port);
	}

	@AfterAll
	static void stop() {
		responder.close();
	}

	/** The switch is the JVM's: later SSLContexts must not staple because of an earlier test. */
	@AfterEach
	void restoreTheJdkSwitch() {
		if (previousSwitch == null) {
			System.clearProperty(JDK_SWITCH);
		}
		else {
			System.setProperty(JDK_SWITCH, previousSwitch);
		}
	}

	private static ConfigurableApplicationContext run(TestApplications server, String provider, boolean stapling) {
		assumeTrue(!provider.equals("openssl") || OpenSsl.isAvailable(),
				() -> "netty-tcnative cannot be loaded: " + OpenSsl.unavailabilityCause());
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("tls.certfile", "file:" + dir.resolve("server.crt"));
		properties.put("tls.keyfile", "file:" + dir.resolve("server.key"));
		// The certificate is the root's own: the JDK finds the issuer it needs for the request here.
		properties.put("tls.cafile", "file:" + ca.certificateFile());
		properties.put("tls.provider", provider);
		properties.put("tls.server.ocsp-stapling", String.valueOf(stapling));
		return server.run(properties);
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
