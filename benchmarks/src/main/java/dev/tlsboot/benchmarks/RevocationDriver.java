package dev.tlsboot.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import dev.tlsboot.benchmarks.Case.Contender;
import dev.tlsboot.benchmarks.Case.Unit;
import dev.tlsboot.benchmarks.HandshakeDriver.HandshakeTrial;
import dev.tlsboot.benchmarks.HandshakeDriver.Mode;
import dev.tlsboot.benchmarks.HandshakeDriver.SocketExchanger;
import dev.tlsboot.core.option.TlsProtocol;
import dev.tlsboot.core.revocation.RevocationMode;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.KeyType;

/**
 * What a warm revocation check costs a full handshake: TLS Boot's client with {@code revocation: hard} against the
 * same client with {@code revocation: off}, full TLS 1.3 handshakes with an ECDSA P-256 certificate, measured in
 * turns as the handshake cases are. The server's certificate names a CRL distribution point on 127.0.0.1, a JDK
 * {@code HttpServer} serving a CRL that the CA signed (valid for a day, listing another serial); the trial's first
 * handshake fetches it, so the measured ones find it in the cache. A hard client passes a handshake only on a good
 * answer, so every measured handshake was checked; a run fails if the CRL was fetched again while measuring (the
 * cache was not warm), and {@code checked} says how many fetches the point served.
 */
final class RevocationDriver {

	static final String GROUP = "revocation";

	static final String CASE = "TLSv1.3 ECDSA P-256 full, CRL distribution point, warm cache";

	private RevocationDriver() {
	}

	/** The one revocation case: (a) {@code revocation: off}, (b) {@code revocation: hard}. */
	static List<Case> cases() {
		return List.of(new Case(GROUP, CASE, Unit.HANDSHAKES_PER_SECOND,
				List.of(new Contender(Case.BASELINE, "(a) TLS Boot, revocation off", () -> open(RevocationMode.OFF)),
						new Contender("b", "(b) TLS Boot, revocation hard",
								() -> open(RevocationMode.HARD)))));
	}

	private static Trial open(RevocationMode mode) throws Exception {
		DistributionPoint point = DistributionPoint.start();
		try {
			KeyType keyType = KeyType.EC_P256;
			Credentials credentials = Credentials.generate(point.ca, keyType, point.url());
			Setup setup = new Setup(TlsProtocol.TLS1_3, credentials, false, null);
			Endpoints endpoints = TlsBoot.endpoints(setup, TlsBoot.Variant.UNOBSERVED,
					(client) -> client.revocation(mode).revocationOcsp(false));
			return new CheckedTrial(new HandshakeTrial(new SocketExchanger(endpoints), setup, Mode.FULL), point, mode);
		}
		catch (Exception ex) {
			point.close();
			throw ex;
		}
	}

	/** The handshake trial, failing a run in which the CRL was fetched again (or, under hard, never fetched). */
	private static final class CheckedTrial implements Trial {

		private final HandshakeTrial handshakes;

		private final DistributionPoint point;

		private final RevocationMode mode;

		CheckedTrial(HandshakeTrial handshakes, DistributionPoint point, RevocationMode mode) {
			this.handshakes = handshakes;
			this.point = point;
			this.mode = mode;
		}

		@Override
		public Sample run(Budget budget) throws Exception {
			int before = this.point.fetches.get();
			Sample sample = this.handshakes.run(budget);
			int after = this.point.fetches.get();
			if (after != before) {
				throw new IllegalStateException("The CRL was fetched " + (after - before) + " times while measuring: "
						+ "the cache was not warm");
			}
			if ((this.mode == RevocationMode.HARD) != (after > 0)) {
				throw new IllegalStateException("The CRL was fetched " + after + " times with revocation "
						+ this.mode.name().toLowerCase(Locale.ROOT));
			}
			return sample;
		}

		@Override
		public String detail() {
			return this.handshakes.detail() + "; CRL fetched " + this.point.fetches.get() + " times";
		}

		@Override
		public void close() throws Exception {
			try {
				this.handshakes.close();
			}
			finally {
				this.point.close();
			}
		}

	}

	/** A CA and the CRL distribution point its server certificate names, on 127.0.0.1, counting its fetches. */
	private static final class DistributionPoint implements AutoCloseable {

		private final CertificateAuthority ca = CertificateAuthority.root("TLS Boot Benchmark Revocation CA",
				KeyType.EC_P256);

		private final HttpServer server;

		private final AtomicInteger fetches = new AtomicInteger();

		private DistributionPoint(HttpServer server) {
			this.server = server;
		}

		static DistributionPoint start() throws IOException, GeneralSecurityException, OperatorCreationException {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			DistributionPoint point = new DistributionPoint(server);
			byte[] crl = point.crl();
			server.createContext("/ca.crl", (exchange) -> {
				point.fetches.incrementAndGet();
				exchange.getResponseHeaders().set("Content-Type", "application/pkix-crl");
				exchange.sendResponseHeaders(200, crl.length);
				try (OutputStream body = exchange.getResponseBody()) {
					body.write(crl);
				}
			});
			server.start();
			return point;
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/ca.crl";
		}

		/** A DER CRL of the CA, current for a day, listing one serial that is not the server's. */
		private byte[] crl() throws GeneralSecurityException, OperatorCreationException, IOException {
			Instant now = Instant.now();
			X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(this.ca.certificate(), Date.from(now))
				.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))))
				.addCRLEntry(BigInteger.valueOf(4242), Date.from(now), CRLReason.keyCompromise)
				.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE))
				.addExtension(Extension.authorityKeyIdentifier, false,
						new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(this.ca.certificate()));
			return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(this.ca.keyPair().getPrivate()))
				.getEncoded();
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
