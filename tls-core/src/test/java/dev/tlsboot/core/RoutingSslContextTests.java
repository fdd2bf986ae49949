package dev.tlsboot.core;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import dev.tlsboot.core.internal.HostPatterns;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.pki.CertificateAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** One client SSLContext, two services behind different CAs: each host is verified against its own CA. */
class RoutingSslContextTests {

	private final CertificateAuthority billingCa = CertificateAuthority.root("Billing CA");

	private final CertificateAuthority partnerCa = CertificateAuthority.root("Partner CA");

	@Test
	void eachHostIsVerifiedWithTheContextItRoutesTo() throws Exception {
		TlsContext billingServer = server(this.billingCa, "billing.internal");
		TlsContext partnerServer = server(this.partnerCa, "api.partner.example");
		TlsContext trustsBilling = trusting(this.billingCa);
		TlsContext trustsPartner = trusting(this.partnerCa);
		SSLContext routing = RoutingSslContext
			.of(HostPatterns.of(Map.of("*.partner.example", trustsPartner), trustsBilling));
		try (LoopbackTlsServer billing = LoopbackTlsServer.start(billingServer);
				LoopbackTlsServer partner = LoopbackTlsServer.start(partnerServer)) {
			assertThat(handshake(routing, "billing.internal", billing.port())).isEqualTo("CN=billing.internal");
			assertThat(handshake(routing, "api.partner.example", partner.port())).isEqualTo("CN=api.partner.example");
			// Without the route, the partner's CA is unknown to the client.
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> handshake(trustsBilling.sslContext(), "api.partner.example", partner.port()));
		}
	}

	@Test
	void enginesAreMadeByTheRoutedContextWithItsSni() {
		TlsContext partner = TlsContext.create("partner", TlsOptions.builder().alpn("h2").build(),
				new TlsMaterial(null, List.of(this.partnerCa.rootCertificate())));
		SSLContext routing = RoutingSslContext
			.of(HostPatterns.of(Map.of("*.partner.example", partner), trusting(this.billingCa)));
		assertThat(routing.createSSLEngine("api.partner.example", 443).getSSLParameters().getApplicationProtocols())
			.containsExactly("h2");
		assertThat(routing.createSSLEngine("billing.internal", 443).getSSLParameters().getApplicationProtocols())
			.isEmpty();
	}

	/** Connects to 127.0.0.1 but speaks TLS to {@code host}, as an HTTP client with its own resolver would. */
	private static String handshake(SSLContext context, String host, int port) throws IOException {
		Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true)) {
			socket.setSoTimeout(5000);
			socket.startHandshake();
			return socket.getSession().getPeerPrincipal().getName();
		}
	}

	private static TlsContext server(CertificateAuthority ca, String host) {
		return TlsContext.create(host, TlsOptions.defaults(), new TlsMaterial(ca.issueServer(host).keyMaterial(), List.of()));
	}

	private static TlsContext trusting(CertificateAuthority ca) {
		return TlsContext.create("trusts " + ca.certificate().getSubjectX500Principal().getName(),
				TlsOptions.defaults(), new TlsMaterial(null, List.of(ca.rootCertificate())));
	}

}
