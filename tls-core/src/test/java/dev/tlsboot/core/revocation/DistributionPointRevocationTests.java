package dev.tlsboot.core.revocation;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.HandshakeFailure;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.OpenSslCa;
import dev.tlsboot.testing.OpenSslCli;

import static dev.tlsboot.core.revocation.RevocationPeers.clientRefusal;
import static dev.tlsboot.core.revocation.RevocationPeers.context;
import static dev.tlsboot.core.revocation.RevocationPeers.handshake;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CRLs at the distribution points certificates name, signed by {@code openssl ca -gencrl} and served over HTTP by the
 * JDK's HttpServer on 127.0.0.1.
 */
class DistributionPointRevocationTests {

	@TempDir
	static Path dir;

	private static HttpServer http;

	private static final AtomicInteger fetches = new AtomicInteger();

	private static String base;

	private static Path cafile;

	@BeforeAll
	static void pki() throws Exception {
		http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		http.createContext("/", (exchange) -> {
			Path file = dir.resolve("served").resolve(exchange.getRequestURI().getPath().substring(1));
			fetches.incrementAndGet();
			if (!Files.isRegularFile(file)) {
				exchange.sendResponseHeaders(404, -1);
				exchange.close();
				return;
			}
			byte[] body = Files.readAllBytes(file);
			exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		http.start();
		base = "http://127.0.0.1:" + http.getAddress().getPort() + "/";
		OpenSslCa ca = OpenSslCa.create(dir.resolve("ca"), CertificateAuthority.root("Distribution Point Root"));
		ca.valid(server(ca, base + "ca.crl")).writeTo(dir, "good");
		ca.valid(server(ca, base + "ca.crl")).writeTo(dir, "good-counted");
		IssuedCertificate revoked = server(ca, base + "ca.crl");
		revoked.writeTo(dir, "revoked");
		ca.revoke(revoked.certificate(), "affiliationChanged");
		ca.valid(server(ca, base + "missing.crl")).writeTo(dir, "missing");
		ca.valid(server(ca, base + "foreign.crl")).writeTo(dir, "foreign");
		ca.valid(server(ca, "http://127.0.0.1:" + OpenSslCli.freePort() + "/ca.crl")).writeTo(dir, "dead");
		Path served = Files.createDirectories(dir.resolve("served"));
		ca.crl(served.resolve("ca.crl"));
		OpenSslCa.create(dir.resolve("foreign"), CertificateAuthority.root("Foreign Root")).crl(served.resolve("foreign.crl"));
		cafile = ca.certificateFile();
	}

	@AfterAll
	static void stop() {
		http.stop(0);
	}

	private static IssuedCertificate server(OpenSslCa ca, String crlUrl) {
		return ca.ca().issue().commonName("localhost").subjectAltNames("localhost").serverAuth()
			.crlDistributionPoint(crlUrl).build();
	}

	private static TlsContext serving(String name) {
		return context(TlsOptions.builder().certfile(dir.resolve(name + ".crt").toString())
			.keyfile(dir.resolve(name + ".key").toString()), ConnectionRegistry.disabled());
	}

	private static TlsContext client(RevocationMode mode) {
		return context(TlsOptions.builder().cafile(cafile.toString()).revocation(mode), ConnectionRegistry.disabled());
	}

	@Test
	void theDistributionPointsCrlRefusesARevokedCertificate() throws Exception {
		HandshakeFailure failure = clientRefusal(client(RevocationMode.SOFT), serving("revoked"));
		assertThat(failure.cause()).isEqualTo(Cause.REVOKED);
		assertThat(failure.explanation()).contains("AFFILIATION_CHANGED", "CRL distribution point " + base + "ca.crl");
	}

	@Test
	void aCertificateTheCrlDoesNotListPassesWithHard() throws Exception {
		handshake(client(RevocationMode.HARD), serving("good"));
	}

	@Test
	void anUnreachableOrMissingCrlIsUnknown() throws Exception {
		HandshakeFailure dead = clientRefusal(client(RevocationMode.HARD), serving("dead"));
		assertThat(dead.cause()).isEqualTo(Cause.REVOCATION_UNKNOWN);
		assertThat(dead.explanation()).contains("cannot be reached");
		HandshakeFailure missing = clientRefusal(client(RevocationMode.HARD), serving("missing"));
		assertThat(missing.explanation()).contains(base + "missing.crl: answered HTTP 404");
		handshake(client(RevocationMode.SOFT), serving("dead"));
	}

	@Test
	void aCrlSignedByAnotherCaIsNoAnswer() throws Exception {
		HandshakeFailure failure = clientRefusal(client(RevocationMode.HARD), serving("foreign"));
		assertThat(failure.cause()).isEqualTo(Cause.REVOCATION_UNKNOWN);
		assertThat(failure.explanation()).contains("sent a CRL not signed by 'CN=Distribution Point Root'");
	}

	@Test
	void distributionPointsCanBeTurnedOff() throws Exception {
		// Then no source knows the certificate, which soft lets pass.
		handshake(context(TlsOptions.builder().cafile(cafile.toString()).revocation(RevocationMode.SOFT)
			.revocationCrldp(false), ConnectionRegistry.disabled()), serving("revoked"));
	}

	@Test
	void theCrlIsFetchedOnceForManyHandshakes() throws Exception {
		TlsContext client = client(RevocationMode.HARD);
		TlsContext server = serving("good-counted");
		int before = fetches.get();
		handshake(client, server);
		handshake(client, server);
		handshake(client, server);
		assertThat(fetches.get() - before).isEqualTo(1);
	}

}
