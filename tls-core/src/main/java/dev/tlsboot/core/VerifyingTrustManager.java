package dev.tlsboot.core;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.observe.ConnectionObserver;
import dev.tlsboot.core.observe.HandshakeFailure;
import dev.tlsboot.core.observe.HandshakeFailure.Cause;
import dev.tlsboot.core.observe.RefusedCertificateException;
import dev.tlsboot.core.option.TlsRole;
import dev.tlsboot.core.revocation.RevocationChecker;
import dev.tlsboot.core.status.RevocationStatus;
import dev.tlsboot.core.status.VerifyResult;

/**
 * Verifies a peer's chain the TclTLS way: the JDK's PKIX validation (with the host name check the socket's
 * parameters ask for), then the security level's key size and signature rules, then revocation when the context
 * checks it. The outcome is stored in the
 * handshake session for {@code tls::status}'s {@code verifyResult}; when the side does not {@code require} a valid
 * peer, a failure is only recorded, as TclTLS does with {@code -require 0}.
 */
final class VerifyingTrustManager extends X509ExtendedTrustManager {

	/** The anchors and the JDK's validator over them, swapped together when the context reloads. */
	private record Trust(List<X509Certificate> anchors, X509ExtendedTrustManager pkix) {

		static Trust of(List<X509Certificate> anchors) {
			// PKIX refuses an empty anchor set; a context that trusts nobody (a server that never asks for client
			// certificates) needs no validator, and refuses every chain if one does arrive.
			return new Trust(List.copyOf(anchors), anchors.isEmpty() ? null : VerifyingTrustManager.pkix(anchors));
		}

	}

	private volatile Trust trust;

	private final SecurityLevel securityLevel;

	private final boolean clientRequires;

	private final boolean serverRequires;

	private final ConnectionObserver observer;

	private final RevocationChecker revocation;

	/**
	 * @param observer the context's observer, whose validators have the last word; {@code null} when the context
	 * does not observe its connections
	 * @param revocation the revocation check of an accepted chain, or {@code null} when revocation is off
	 */
	VerifyingTrustManager(List<X509Certificate> anchors, SecurityLevel securityLevel, TlsOptions options,
			@Nullable ConnectionObserver observer, @Nullable RevocationChecker revocation) {
		this.trust = Trust.of(anchors);
		this.revocation = revocation;
		this.securityLevel = securityLevel;
		this.clientRequires = options.require(TlsRole.CLIENT);
		this.serverRequires = options.require(TlsRole.SERVER);
		this.observer = observer;
	}

	/** The revocation check, or {@code null} when revocation is off. */
	@Nullable RevocationChecker revocation() {
		return this.revocation;
	}

	/** Trust {@code anchors}, and check against {@code crls}, from the next verification on. */
	void trust(List<X509Certificate> anchors, List<X509CRL> crls) {
		this.trust = Trust.of(anchors);
		if (this.revocation != null) {
			this.revocation.reload(crls, anchors);
		}
	}

	private static X509ExtendedTrustManager pkix(List<X509Certificate> anchors) {
		try {
			Set<TrustAnchor> trustAnchors = anchors.stream().map((anchor) -> new TrustAnchor(anchor, null))
					.collect(Collectors.toSet());
			PKIXBuilderParameters parameters = new PKIXBuilderParameters(trustAnchors, new X509CertSelector());
			// Revocation needs the network (CRL, OCSP), which a handshake must not wait for by default.
			parameters.setRevocationEnabled(false);
			TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
			factory.init(new CertPathTrustManagerParameters(parameters));
			for (TrustManager manager : factory.getTrustManagers()) {
				if (manager instanceof X509ExtendedTrustManager extended) {
					return extended;
				}
			}
			throw new IllegalStateException("The JDK's PKIX trust manager factory made no X509ExtendedTrustManager");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot set up certificate validation", ex);
		}
	}

	/**
	 * The JDK's PKIX checks the key usage of a server certificate by the key exchange the authType names, and refuses
	 * one it does not know. For TLS 1.3, where the key exchange no longer depends on the certificate, the JDK says
	 * {@code UNKNOWN} (digitalSignature required) and Conscrypt (BoringSSL) says {@code GENERIC}
	 * (google/conscrypt#1033): the same check is meant, so both get it.
	 */
	private static String jdkAuthType(String authType) {
		return "GENERIC".equals(authType) ? "UNKNOWN" : authType;
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		SSLSession session = (socket instanceof SSLSocket ssl) ? ssl.getHandshakeSession() : null;
		verify(chain, session, socket, this.clientRequires,
				(pkix) -> pkix.checkServerTrusted(chain, jdkAuthType(authType), socket));
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		SSLSession session = (engine != null) ? engine.getHandshakeSession() : null;
		verify(chain, session, engine, this.clientRequires,
				(pkix) -> pkix.checkServerTrusted(chain, jdkAuthType(authType), engine));
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		verify(chain, null, null, this.clientRequires, (pkix) -> pkix.checkServerTrusted(chain, jdkAuthType(authType)));
	}

	// A client certificate is checked without the socket: the JDK would otherwise match it against the client's
	// host name whenever the parameters carry an endpoint identification algorithm, which is for servers only.

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		SSLSession session = (socket instanceof SSLSocket ssl) ? ssl.getHandshakeSession() : null;
		verify(chain, session, socket, this.serverRequires, (pkix) -> pkix.checkClientTrusted(chain, jdkAuthType(authType)));
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		SSLSession session = (engine != null) ? engine.getHandshakeSession() : null;
		verify(chain, session, engine, this.serverRequires, (pkix) -> pkix.checkClientTrusted(chain, jdkAuthType(authType)));
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		verify(chain, null, null, this.serverRequires, (pkix) -> pkix.checkClientTrusted(chain, jdkAuthType(authType)));
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return this.trust.anchors().toArray(X509Certificate[]::new);
	}

	/** The transport is the JDK's socket or engine, by which the observer knows the connection. */
	private void verify(X509Certificate[] chain, SSLSession session, Object transport, boolean require,
			Check pkixCheck) throws CertificateException {
		CertificateException failure = null;
		Trust trust = this.trust;
		X509ExtendedTrustManager pkix = trust.pkix();
		try {
			if (pkix == null) {
				throw new RefusedCertificateException(Cause.UNKNOWN_CA, "certificate '"
						+ chain[0].getSubjectX500Principal().getName() + "' cannot be checked: this context trusts "
						+ "no CA. Set 'cafile', 'cadir' or 'castore'.", null);
			}
			pkixCheck.run(pkix);
			Optional<String> weak = weakness(chain);
			if (weak.isPresent()) {
				failure = new RefusedCertificateException(Cause.SECURITY_LEVEL, weak.get(), null);
			}
			else if (this.revocation != null) {
				RevocationStatus.store(session, chain[0], this.revocation.check(chain, stapled(session)));
			}
		}
		catch (RefusedCertificateException ex) {
			failure = ex;
		}
		catch (CertificateException ex) {
			failure = explain(ex, chain, session, trust.anchors());
		}
		if (session != null) {
			VerifyResult.store(session, chain[0], (failure != null) ? new VerifyResult(false, failure.getMessage())
					: new VerifyResult(true, null));
		}
		// A side that checks revocation refuses a revoked peer even when it does not require a valid one: it asked.
		boolean refuse = require || (failure instanceof RefusedCertificateException refused
				&& refused.reason() == Cause.REVOKED);
		CertificateException verdict = (this.observer != null && this.observer.validates())
				? this.observer.validate(transport, chain, failure, refuse) : (refuse ? failure : null);
		if (verdict != null) {
			throw verdict;
		}
	}

	/** The OCSP responses the server stapled to this handshake (the JDK's client asks for them by default). */
	private static List<byte[]> stapled(@Nullable SSLSession session) {
		try {
			return (session instanceof ExtendedSSLSession extended) ? extended.getStatusResponses() : List.of();
		}
		catch (UnsupportedOperationException ex) {
			// ExtendedSSLSession's own default: a session that cannot tell has none
			return List.of();
		}
	}

	private Optional<String> weakness(X509Certificate[] chain) {
		for (X509Certificate certificate : chain) {
			Optional<String> problem = this.securityLevel.problemWith(certificate);
			if (problem.isPresent()) {
				return Optional.of(problem.get() + ". Replace the certificate, or lower 'security-level' (now "
						+ this.securityLevel.level() + ") if you must accept it.");
			}
		}
		return Optional.empty();
	}

	/** Turn the JDK's terse validation errors into what the user needs to know and do. */
	private CertificateException explain(CertificateException ex, X509Certificate[] chain, SSLSession session,
			List<X509Certificate> anchors) {
		String message = String.valueOf(ex.getMessage());
		Date now = new Date();
		for (X509Certificate certificate : chain) {
			String subject = certificate.getSubjectX500Principal().getName();
			if (certificate.getNotAfter().before(now)) {
				return refused(Cause.EXPIRED, "certificate '" + subject + "' expired on "
						+ certificate.getNotAfter().toInstant() + " (now " + Instant.now()
						+ "). The peer must renew it; check the clocks too.", ex);
			}
			if (certificate.getNotBefore().after(now)) {
				return refused(Cause.NOT_YET_VALID, "certificate '" + subject + "' is not valid before "
						+ certificate.getNotBefore().toInstant() + " (now " + Instant.now()
						+ "). Check the clocks of both machines.", ex);
			}
		}
		if (message.startsWith("No subject alternative") || message.startsWith("No name matching")) {
			String host = (session != null) ? session.getPeerHost() : null;
			return refused(Cause.HOSTNAME_MISMATCH, "host name " + ((host != null) ? "'" + host + "' " : "")
					+ "does not match the certificate '" + chain[0].getSubjectX500Principal().getName()
					+ "', which names " + CertificateNames.subjectAltNames(chain[0])
					+ ". Connect with a name the certificate lists, or set 'servername' to one of them.", ex);
		}
		if (HandshakeFailure.explain(ex).cause() == Cause.UNKNOWN_CA) {
			return UntrustedChain.refusal(chain, anchors, ex);
		}
		return ex;
	}

	/** Keep the JDK's cause so that it still picks the right TLS alert. */
	static CertificateException refused(Cause reason, String message, CertificateException original) {
		Throwable cause = (original.getCause() instanceof CertPathValidatorException) ? original.getCause() : original;
		return new RefusedCertificateException(reason, message, cause);
	}

	@FunctionalInterface
	private interface Check {

		void run(X509ExtendedTrustManager pkix) throws CertificateException;

	}

}
