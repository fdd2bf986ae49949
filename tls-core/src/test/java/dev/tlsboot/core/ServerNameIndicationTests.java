package dev.tlsboot.core;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.pki.CertificateAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/** One server port, several names: the certificate served follows the SNI name the client sends. */
class ServerNameIndicationTests {

	private final CertificateAuthority ca = CertificateAuthority.root("SNI CA");

	/** The provider every context of these tests runs on; {@link ConscryptProviderTests} runs them on Conscrypt. */
	TlsImplementation provider() {
		return TlsImplementation.JDK;
	}

	TlsOptions.Builder options() {
		return TlsOptions.builder().provider(provider());
	}

	@Test
	void exactWildcardAndFallbackNamesEachGetTheirCertificate() throws Exception {
		TlsContext api = withCertificate("api.example.com");
		TlsContext shop = withCertificate("*.shop.example");
		TlsContext server = withCertificate("default.example")
			.withServerNames(Map.of("api.example.com", api, "*.shop.example", shop));
		try (LoopbackTlsServer loopback = LoopbackTlsServer.start(server)) {
			assertThat(serverCertificate("api.example.com", loopback.port())).isEqualTo("CN=api.example.com");
			assertThat(serverCertificate("eu.shop.example", loopback.port())).isEqualTo("CN=*.shop.example");
			assertThat(serverCertificate("default.example", loopback.port())).isEqualTo("CN=default.example");
			assertThat(serverCertificate("unknown.example", loopback.port())).isEqualTo("CN=default.example");
		}
	}

	private String serverCertificate(String serverName, int port) throws IOException {
		// Host name checks are off: the point is which certificate comes back, including the fallback's.
		TlsContext client = TlsContext.create("client",
				options().servername(serverName).require(false).build(),
				new TlsMaterial(null, List.of(this.ca.rootCertificate())));
		try (SSLSocket socket = client.connect("127.0.0.1", port)) {
			return socket.getSession().getPeerPrincipal().getName();
		}
	}

	private TlsContext withCertificate(String name) {
		return TlsContext.create(name, options().build(),
				new TlsMaterial(this.ca.issueServer(name).keyMaterial(), List.of()));
	}

}
