package dev.tlsboot.pki;

import java.security.KeyPair;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.material.KeyMaterial;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.testing.Handshakes;

import static org.assertj.core.api.Assertions.assertThat;

/** What the CA issues works on the wire: each key type as a server, and a signed CSR as a client certificate. */
class IssuedCertificatesHandshakeTests {

	private static final CertificateAuthority ca = CertificateAuthority.root("Handshake CA");

	@ParameterizedTest
	@ValueSource(strings = { "EC-256", "EC-384", "RSA-2048", "RSA-3072", "Ed25519-255" })
	void eachKeyTypeServesAHandshake(String keyType) throws Exception {
		String[] parts = keyType.split("-");
		IssuedCertificate server = ca.issue().commonName("localhost").subjectAltNames("localhost")
			.keyType(new KeyType(parts[0], Integer.parseInt(parts[1]))).serverAuth().build();
		TlsContext serverContext = TlsContext.create("server", TlsOptions.defaults(),
				new TlsMaterial(server.keyMaterial(), List.of()));
		assertThat(Handshakes.serverCertificateSeenBy(trustingCa(null), serverContext))
			.isEqualTo(server.certificate());
	}

	@Test
	void certificateSignedFromACsrIsAcceptedAsAClientCertificate() throws Exception {
		KeyPair keys = KeyType.EC_P256.generate();
		SignedCertificate signed = ca.signRequest(CertificateRequests.create(keys, "csr-client"));
		IssuedCertificate server = ca.issueServer("localhost");
		// The server requires a client certificate signed by the CA: the handshake completes only if this one is.
		TlsContext serverContext = TlsContext.create("server", TlsOptions.builder().require(true).build(),
				new TlsMaterial(server.keyMaterial(), List.of(ca.rootCertificate())));
		TlsContext client = trustingCa(new KeyMaterial(keys.getPrivate(), signed.chain()));
		assertThat(Handshakes.serverCertificateSeenBy(client, serverContext)).isEqualTo(server.certificate());
	}

	private static TlsContext trustingCa(KeyMaterial key) {
		return TlsContext.create("client", TlsOptions.defaults(), new TlsMaterial(key, List.of(ca.rootCertificate())));
	}

}
