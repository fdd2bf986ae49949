package dev.tlsboot.core.revocation;

import java.io.IOException;
import java.nio.file.Path;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsHandshakeException;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.HandshakeFailure;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.status.RevocationStatus;
import dev.tlsboot.core.status.TlsStatus;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.OpenSslCa;
import dev.tlsboot.testing.OpenSslCli;
import dev.tlsboot.testing.StaplingPki;

import static dev.tlsboot.core.revocation.RevocationPeers.clientRefusal;
import static dev.tlsboot.core.revocation.RevocationPeers.context;
import static dev.tlsboot.core.revocation.RevocationPeers.handshake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A client that checks revocation takes the OCSP response a server staples as the answer, instead of asking the
 * responder (every client here is given a dead {@code ocsp-responder}, so only the staple can answer), and refuses a
 * "must-staple" certificate that comes without one: against nginx stapling a response {@code openssl ocsp} wrote
 * ({@code ssl_stapling_file}), and against TLS Boot's own server on the JDK's TLS ({@code ocsp-stapling}), the
 * responses made by {@code openssl ocsp} from a real {@code openssl ca} index.
 */
class StapledRevocationTests {

	@RegisterExtension
	static final StaplingPki pki = new StaplingPki("Staple Root");

	private static OpenSslCa ca;

	@BeforeAll
	static void issue() {
		ca = pki.ca();
		ca.valid(pki.server().build()).writeTo(pki.directory(), "good");
		IssuedCertificate revoked = pki.server().build();
		revoked.writeTo(pki.directory(), "revoked");
		ca.revoke(revoked.certificate(), "keyCompromise");
		ca.valid(pki.server().mustStaple().build()).writeTo(pki.directory(), "must-staple");
		pki.startResponder();
	}

	/** A client that can learn the status only from a staple: its responder is dead. */
	private static TlsContext client(RevocationMode mode) throws IOException {
		return context(TlsOptions.builder().cafile(ca.certificateFile().toString()).revocation(mode)
			.ocspResponder("http://127.0.0.1:" + OpenSslCli.freePort()), ConnectionRegistry.disabled());
	}

	/** TLS Boot's server on the JDK's TLS; the certificate is the root's own, its issuer found in {@code cafile}. */
	private static TlsContext jdkServer(String name, boolean stapling) {
		return context(TlsOptions.builder().certfile(pki.file(name + ".crt")).keyfile(pki.file(name + ".key"))
			.cafile(ca.certificateFile().toString()).ocspStapling(stapling), ConnectionRegistry.disabled());
	}

	@Test
	void aGoodStapleFromTlsBootsServerAnswersWithoutTheResponder() throws Exception {
		RevocationStatus status = handshake(client(RevocationMode.HARD), jdkServer("good", true));
		assertThat(status.state()).isEqualTo(RevocationStatus.State.GOOD);
		assertThat(status.source()).isEqualTo("staple");
		assertThat(status.nextUpdate()).isAfter(status.thisUpdate());
	}

	@Test
	void aStapleThatSaysRevokedRefusesNamingTheStaple() throws Exception {
		HandshakeFailure failure = clientRefusal(client(RevocationMode.SOFT), jdkServer("revoked", true));
		assertThat(failure.cause()).isEqualTo(Cause.REVOKED);
		assertThat(failure.explanation()).contains("KEY_COMPROMISE", "says staple");
	}

	@Test
	void aMustStapleCertificateWithoutAStapleIsRefusedEvenWithSoft() throws Exception {
		HandshakeFailure failure = clientRefusal(client(RevocationMode.SOFT), jdkServer("must-staple", false));
		assertThat(failure.cause()).isEqualTo(Cause.REVOCATION_UNKNOWN);
		assertThat(failure.explanation()).contains("'CN=localhost'", "must-staple", "stapled none");
		assertThat(handshake(client(RevocationMode.SOFT), jdkServer("must-staple", true)).source())
			.isEqualTo("staple");
	}

	@Test
	void nginxStaplingAResponseFileIsBelieved() throws Exception {
		try (Nginx nginx = nginx("good", "ssl_stapling on; ssl_stapling_file " + responseFile("good") + ";")) {
			RevocationStatus status = revocationSeenBy(client(RevocationMode.HARD), nginx);
			assertThat(status.state()).isEqualTo(RevocationStatus.State.GOOD);
			assertThat(status.source()).isEqualTo("staple");
		}
	}

	@Test
	void nginxStaplingARevokedResponseIsRefused() throws Exception {
		try (Nginx nginx = nginx("revoked", "ssl_stapling on; ssl_stapling_file " + responseFile("revoked") + ";")) {
			TlsHandshakeException refused = refusedBy(client(RevocationMode.SOFT), nginx);
			assertThat(refused.failure().cause()).isEqualTo(Cause.REVOKED);
			assertThat(refused.failure().explanation()).contains("says staple");
		}
	}

	@Test
	void nginxWithoutStaplingIsRefusedForAMustStapleCertificate() throws Exception {
		try (Nginx nginx = nginx("must-staple", "")) {
			TlsHandshakeException refused = refusedBy(client(RevocationMode.SOFT), nginx);
			assertThat(refused.failure().cause()).isEqualTo(Cause.REVOCATION_UNKNOWN);
			assertThat(refused.failure().explanation()).contains("must-staple");
		}
		try (Nginx nginx = nginx("must-staple",
				"ssl_stapling on; ssl_stapling_file " + responseFile("must-staple") + ";")) {
			assertThat(revocationSeenBy(client(RevocationMode.SOFT), nginx).source()).isEqualTo("staple");
		}
	}

	/** nginx serving the named certificate with the given stapling directives. */
	private static Nginx nginx(String name, String stapling) throws Exception {
		Nginx.assumeAvailable();
		return Nginx.start(pki.directory().resolve("nginx-" + name + "-" + System.nanoTime()), OpenSslCli.freePort(),
				"ssl_certificate " + pki.file(name + ".crt") + "; ssl_certificate_key " + pki.file(name + ".key") + "; "
						+ stapling);
	}

	/** The responder's answer about the named certificate, as {@code openssl ocsp -respout} writes it (DER). */
	private static Path responseFile(String name) {
		Path response = pki.directory().resolve(name + ".ocsp.der");
		OpenSslCli.openssl(pki.directory(), "ocsp", "-issuer", ca.certificateFile().toString(), "-cert",
				pki.file(name + ".crt"),
				"-url", "http://127.0.0.1:" + pki.responder().port(), "-CAfile", ca.certificateFile().toString(),
				"-respout", response.toString()).checked();
		return response;
	}

	private static RevocationStatus revocationSeenBy(TlsContext client, Nginx nginx) throws IOException {
		try (SSLSocket socket = client.connect("localhost", nginx.port())) {
			return TlsStatus.of(socket, false, true, true).revocation();
		}
	}

	private static TlsHandshakeException refusedBy(TlsContext client, Nginx nginx) {
		return assertThatExceptionOfType(TlsHandshakeException.class)
			.isThrownBy(() -> client.connect("localhost", nginx.port()).close())
			.actual();
	}

}
