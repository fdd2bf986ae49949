package dev.tlsboot.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.pki.Issuance;
import dev.tlsboot.pki.KeyType;

/**
 * A CA with a server certificate for {@value Endpoints#HOST} and a client certificate, generated at start. Root and
 * leaves share one key type, so that a case names the cost of that key type alone.
 *
 * @param keyType the key type of every key
 * @param ca the CA, which both ends trust
 * @param server the server's certificate and key
 * @param client the client's certificate and key, used with mTLS
 */
record Credentials(KeyType keyType, CertificateAuthority ca, IssuedCertificate server, IssuedCertificate client) {

	/** Fresh credentials with keys of {@code keyType}. */
	static Credentials generate(KeyType keyType) {
		return generate(CertificateAuthority.root("TLS Boot Benchmark CA", keyType), keyType, null);
	}

	/**
	 * Fresh leaves of {@code ca}, the server's naming a CRL distribution point.
	 * @param ca the CA, with keys of {@code keyType}
	 * @param keyType the key type of the leaves
	 * @param crlDistributionPoint the URL the server's certificate names, or {@code null} for none
	 */
	static Credentials generate(CertificateAuthority ca, KeyType keyType, String crlDistributionPoint) {
		Issuance issuance = ca.issue()
			.keyType(keyType)
			.commonName(Endpoints.HOST)
			.subjectAltNames(Endpoints.HOST, "127.0.0.1")
			.serverAuth();
		if (crlDistributionPoint != null) {
			issuance.crlDistributionPoint(crlDistributionPoint);
		}
		IssuedCertificate server = issuance.build();
		IssuedCertificate client = ca.issue().keyType(keyType).commonName("benchmark-client").clientAuth().build();
		return new Credentials(keyType, ca, server, client);
	}

	/** The certificate both ends trust. */
	X509Certificate root() {
		return this.ca.rootCertificate();
	}

	/** The key type as the report names it, e.g. {@code ECDSA P-256} or {@code RSA-2048}. */
	String label() {
		return "EC".equals(this.keyType.algorithm()) ? "ECDSA P-" + this.keyType.size()
				: this.keyType.algorithm() + "-" + this.keyType.size();
	}

	/**
	 * Write the server's chain and key and the CA's certificate as PEM: {@code server.crt}, {@code server.key},
	 * {@code ca.crt}, all deleted when the JVM exits.
	 * @param directory an existing directory
	 */
	void writeServerPem(Path directory) throws IOException {
		this.server.writeTo(directory, "server");
		Files.writeString(directory.resolve("ca.crt"), this.ca.rootCertificatePem());
		directory.toFile().deleteOnExit();
		for (String file : new String[] { "server.crt", "server.key", "ca.crt" }) {
			directory.resolve(file).toFile().deleteOnExit();
		}
	}

}
