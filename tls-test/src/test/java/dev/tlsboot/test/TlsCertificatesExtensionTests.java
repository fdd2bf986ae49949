package dev.tlsboot.test;

import java.nio.file.Files;
import java.util.Map;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(TlsCertificatesExtension.class)
class TlsCertificatesExtensionTests {

	private static TestCertificates first;

	@Test
	void givesCertificatesThatHandshakeWithMutualTls(TestCertificates certs) throws Exception {
		TlsContext server = certs.serverContext(TlsOptions.builder().require(true));
		TlsContext client = certs.clientContext(TlsOptions.builder());
		try (var listener = server.serverSocketFactory().createServerSocket(0, 1,
				java.net.InetAddress.getLoopbackAddress())) {
			Thread acceptor = new Thread(() -> {
				try (SSLSocket accepted = (SSLSocket) listener.accept()) {
					accepted.setSoTimeout(5000);
					accepted.getOutputStream().write(accepted.getSession().getPeerPrincipal().getName().length());
				}
				catch (Exception ex) {
					// the assertion on the client side reports it
				}
			});
			acceptor.start();
			try (SSLSocket socket = client.connect("localhost", listener.getLocalPort())) {
				assertThat(socket.getInputStream().read()).isEqualTo("CN=client".length());
				assertThat(socket.getSession().getPeerPrincipal().getName()).isEqualTo("CN=localhost");
			}
			acceptor.join(5000);
		}
	}

	@Test
	void propertiesNameTheFilesOnDisk(TestCertificates certs) {
		Map<String, String> properties = certs.properties("tls.contexts.web", TestCertificates.Identity.SERVER);
		assertThat(properties).containsOnlyKeys("tls.contexts.web.cafile", "tls.contexts.web.certfile",
				"tls.contexts.web.keyfile");
		assertThat(properties.values()).allSatisfy((location) -> assertThat(location).startsWith("file:"))
			.allSatisfy((location) -> assertThat(Files.exists(java.nio.file.Path.of(location.substring(5)))).isTrue());
		assertThat(certs.properties("tls", "none")).containsOnlyKeys("tls.cafile");
	}

	@Test
	void locationsAreWhatTheOptionsRead(TestCertificates certs) {
		TlsContext trusting = TlsContext.create(TlsOptions.builder().cafile(certs.location("ca.crt")).build());
		assertThat(trusting.trustAnchors()).containsExactly(certs.ca().rootCertificate());
		TlsContext serving = TlsContext.create(TlsOptions.builder().certfile(certs.location("server.crt"))
			.keyfile(certs.location("server.key"))
			.build());
		assertThat(serving.certificateChain()).containsExactlyElementsOf(certs.server().chain());
	}

	@Test
	void rotationReplacesTheServerCertificateOnDisk(TestCertificates certs) throws Exception {
		String before = Files.readString(certs.file("server.crt"));
		var rotated = certs.rotateServer();
		assertThat(Files.readString(certs.file("server.crt"))).isNotEqualTo(before).isEqualTo(rotated.chainPem());
		assertThat(certs.server()).isSameAs(rotated);
	}

	@Test
	void oneSetPerClass(TestCertificates certs) {
		synchronized (TlsCertificatesExtensionTests.class) {
			if (first == null) {
				first = certs;
			}
			assertThat(certs).isSameAs(first);
		}
	}

	@Nested
	class NestedTests {

		@Test
		void shareTheOuterClassesSet(TestCertificates certs) {
			synchronized (TlsCertificatesExtensionTests.class) {
				if (first == null) {
					first = certs;
				}
				assertThat(certs).isSameAs(first);
			}
		}

	}

}
