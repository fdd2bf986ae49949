package dev.tlsboot.core.status;

import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.cipher.CipherSuite;

/**
 * The state of one TLS connection's handshake as TclTLS 2.0's {@code tls::status} reports it, with the same names
 * in camelCase, plus the certificates as {@link CertificateInfo}. No secret is part of it.
 * <p>
 * By default it describes the peer and its certificate; with {@code local} it describes this side's own certificate,
 * like {@code tls::status -local}.
 *
 * @param alpn the application protocol negotiated with ALPN, or {@code null} when none was
 * @param cipher the cipher suite's OpenSSL name, e.g. {@code ECDHE-ECDSA-AES128-GCM-SHA256} or
 * {@code TLS_AES_128_GCM_SHA256}; the JSSE name for a suite OpenSSL does not share with the JDK (see
 * {@link dev.tlsboot.core.cipher.CipherSuite})
 * @param peername the peer host as this side connected to it or saw it connect, which is what JSSE records; JSSE
 * does not say which certificate name matched it
 * @param protocol the negotiated protocol, e.g. {@code TLSv1.3}
 * @param sbits the secret key bits of the bulk cipher, or {@code null} for a suite OpenSSL does not share
 * @param signatureHashAlgorithm the hash of the handshake signature made with the described certificate's key, where
 * the protocol fixes it: TLS 1.3 with an EC key ({@code SHA256} for P-256, {@code SHA384} for P-384, {@code SHA512}
 * for P-521). Otherwise {@code null}: JSSE does not expose the signature scheme the peers chose
 * @param signatureType the kind of that signature where the key fixes it: {@code ECDSA}, {@code Ed25519},
 * {@code Ed448}, or {@code RSA-PSS} for RSA keys in TLS 1.3 and RSASSA-PSS keys. {@code null} for RSA keys before
 * TLS 1.3 (PKCS#1 and PSS are both allowed and JSSE does not say which was used) or without a certificate
 * @param verifyDepth always {@code null}: JSSE's PKIX validation has no depth setting (the nearest is the
 * {@code jdk.tls.maxCertificateChainLength} system property on chain length)
 * @param verifyMode how the peer is verified, from TLS Boot's {@code request} and {@code require}: {@code [none]},
 * {@code [peer]}, or {@code [peer, fail_if_no_peer_cert]}
 * @param verifyResult what the TLS Boot trust manager decided about the peer's chain, or {@code null} when no such
 * trust manager verified it (see {@link VerifyResult})
 * @param caNames always {@code null}: JSSE does not expose the {@code certificate_authorities} a server sends or a
 * client receives
 * @param certificate the described leaf certificate, or {@code null} when that side sent none
 * @param chain every certificate that side sent, leaf first; empty when it sent none
 * @param revocation whether the peer's certificate is revoked, as the context's revocation check found (good,
 * revoked or unknown, with the source and its thisUpdate/nextUpdate); {@code null} when revocation is off or this
 * side is described
 */
public record TlsStatus(@Nullable String alpn, String cipher, String peername, String protocol, @Nullable Integer sbits,
		@Nullable String signatureHashAlgorithm, @Nullable String signatureType, @Nullable Integer verifyDepth, List<String> verifyMode,
		@Nullable VerifyResult verifyResult, @Nullable List<String> caNames, @Nullable CertificateInfo certificate, List<CertificateInfo> chain,
		@Nullable RevocationStatus revocation) {

	/** Keeps immutable copies of the lists. */
	public TlsStatus {
		verifyMode = List.copyOf(verifyMode);
		chain = List.copyOf(chain);
	}

	/**
	 * Describe a connection whose handshake has completed.
	 * @param session the connection's session
	 * @param alpn the negotiated application protocol: {@code getApplicationProtocol()} of the socket or engine,
	 * since the session does not hold it; {@code null} or empty for none
	 * @param local describe this side's own certificate instead of the peer's
	 * @param request whether this side asks the peer for a certificate (TLS Boot's {@code request})
	 * @param require whether this side fails the handshake without a valid peer certificate ({@code require}, which
	 * implies {@code request})
	 * @return the status
	 */
	public static TlsStatus of(SSLSession session, @Nullable String alpn, boolean local, boolean request, boolean require) {
		List<X509Certificate> certificates = certificates(session, local);
		X509Certificate leaf = certificates.isEmpty() ? null : certificates.get(0);
		CipherSuite suite = CipherSuite.named(session.getCipherSuite()).orElse(null);
		String protocol = session.getProtocol();
		PublicKey key = (leaf != null) ? leaf.getPublicKey() : null;
		return new TlsStatus(StatusFormat.emptyToNull(alpn),
				(suite != null) ? suite.openSslName() : session.getCipherSuite(), session.getPeerHost(), protocol,
				(suite != null) ? suite.bits() : null, signatureHash(protocol, key), signatureType(protocol, key), null,
				verifyMode(request, require), VerifyResult.of(session), null,
				(leaf != null) ? CertificateInfo.of(leaf) : null, CertificateInfo.of(certificates),
				local ? null : RevocationStatus.of(session));
	}

	/**
	 * Describe a socket's connection. Like {@link SSLSocket#getSession()}, this performs the handshake first if it has
	 * not happened yet.
	 * @param socket the socket
	 * @param local describe this side's own certificate instead of the peer's
	 * @param request whether this side asks the peer for a certificate
	 * @param require whether this side requires a valid peer certificate
	 * @return the status
	 */
	public static TlsStatus of(SSLSocket socket, boolean local, boolean request, boolean require) {
		return of(socket.getSession(), socket.getApplicationProtocol(), local, request, require);
	}

	/**
	 * Describe an engine's connection.
	 * @param engine the engine, after its handshake
	 * @param local describe this side's own certificate instead of the peer's
	 * @param request whether this side asks the peer for a certificate
	 * @param require whether this side requires a valid peer certificate
	 * @return the status
	 */
	public static TlsStatus of(SSLEngine engine, boolean local, boolean request, boolean require) {
		return of(engine.getSession(), engine.getApplicationProtocol(), local, request, require);
	}

	private static List<X509Certificate> certificates(SSLSession session, boolean local) {
		Certificate[] certificates;
		try {
			certificates = local ? session.getLocalCertificates() : session.getPeerCertificates();
		}
		catch (SSLPeerUnverifiedException ex) {
			// The peer sent no certificate (a client without one), which is a state, not an error
			certificates = null;
		}
		if (certificates == null) {
			return List.of();
		}
		return Arrays.stream(certificates)
			.filter(X509Certificate.class::isInstance)
			.map(X509Certificate.class::cast)
			.toList();
	}

	private static List<String> verifyMode(boolean request, boolean require) {
		if (require) {
			return List.of("peer", "fail_if_no_peer_cert");
		}
		return request ? List.of("peer") : List.of("none");
	}

	private static String signatureType(String protocol, PublicKey key) {
		if (key instanceof ECPublicKey) {
			return "ECDSA";
		}
		if (key instanceof EdECPublicKey edec) {
			return edec.getParams().getName();
		}
		if (key instanceof RSAPublicKey) {
			// TLS 1.3 forbids PKCS#1 v1.5 handshake signatures; an RSASSA-PSS key can only make PSS ones
			return ("TLSv1.3".equals(protocol) || "RSASSA-PSS".equals(key.getAlgorithm())) ? "RSA-PSS" : null;
		}
		return null;
	}

	private static String signatureHash(String protocol, PublicKey key) {
		// Only TLS 1.3 binds the hash to the curve (ecdsa_secp256r1_sha256, ...)
		if (!"TLSv1.3".equals(protocol) || !(key instanceof ECPublicKey ec)) {
			return null;
		}
		return switch (ec.getParams().getCurve().getField().getFieldSize()) {
			case 256 -> "SHA256";
			case 384 -> "SHA384";
			case 521 -> "SHA512";
			default -> null;
		};
	}

}
