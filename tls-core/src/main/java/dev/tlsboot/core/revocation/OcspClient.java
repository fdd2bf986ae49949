package dev.tlsboot.core.revocation;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CRLReason;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.status.RevocationStatus;

/**
 * Asks OCSP responders and judges their answers: bcpkix builds the request and parses the response, which counts only
 * when it is signed by the certificate's issuer or by a responder the issuer delegated to, is about the certificate
 * asked, and is current. The checker's {@link OcspSource} and a server's {@link OcspStapling} share it.
 */
final class OcspClient {

	/** How long an answer without nextUpdate is kept, and the bound on one with a distant nextUpdate. */
	static final Duration MAX_AGE = Duration.ofHours(1);

	/** How long a failure is remembered: a dead responder costs one timeout per this, not one per handshake. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(30);

	/** The clock difference tolerated between this host and the responder. */
	private static final Duration SKEW = Duration.ofMinutes(5);

	private static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";

	/** id-pe-tlsfeature. */
	private static final String TLS_FEATURE = "1.3.6.1.5.5.7.1.24";

	/** The TLS extension status_request, as a TLS feature. */
	private static final int STATUS_REQUEST = 5;

	/** An answer is about one certificate of one issuer, from one responder. */
	record Key(X500Principal issuer, BigInteger serial, URI responder) {

		static Key of(X509Certificate certificate, URI responder) {
			return new Key(certificate.getIssuerX500Principal(), certificate.getSerialNumber(), responder);
		}

	}

	/**
	 * One judged response: what it says, and the response as the responder sent it, which a server staples.
	 * @param status what the response says about the certificate
	 * @param encoded the DER {@code OCSPResponse}
	 */
	record OcspResponse(RevocationStatus status, byte[] encoded) {
	}

	private final @Nullable URI responder;

	private final HttpFetch http;

	/**
	 * @param responder {@code ocsp-responder}, or {@code null} to ask the responder each certificate names
	 * @param http the context's HTTP client
	 */
	OcspClient(@Nullable URI responder, HttpFetch http) {
		this.responder = responder;
		this.http = http;
	}

	/** The responder to ask about {@code certificate}: {@code ocsp-responder}, or the one it names, or {@code null}. */
	@Nullable URI responderFor(X509Certificate certificate) {
		return (this.responder != null) ? this.responder : responderOf(certificate);
	}

	/** Why there is no responder to ask about a certificate. */
	static final String NO_RESPONDER = "the certificate names no OCSP responder (set '" + TlsOption.OCSP_RESPONDER
			+ "' to ask one)";

	/** How a responder is named in answers and messages. */
	static String name(URI url) {
		return "OCSP responder " + url;
	}

	/**
	 * Ask {@code url} about {@code certificate}.
	 * @return the judged response, or why there is none; never completes exceptionally
	 */
	CompletableFuture<Fetched<OcspResponse>> fetch(URI url, X509Certificate certificate, X509Certificate issuer) {
		CertificateID id;
		byte[] request;
		try {
			id = certificateId(certificate, issuer);
			request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
		}
		catch (OperatorCreationException | OCSPException | CertificateException | IOException ex) {
			return CompletableFuture.completedFuture(Fetched.failed("cannot make the OCSP request: " + ex,
					Instant.now().plus(RETRY_AFTER)));
		}
		return this.http.post(url, "application/ocsp-request", request)
			.handle((response, failure) -> (failure != null)
					? Fetched.failed("cannot be reached (" + failure.getCause() + ")", Instant.now().plus(RETRY_AFTER))
					: judge(response, id, issuer, name(url)));
	}

	private static CertificateID certificateId(X509Certificate certificate, X509Certificate issuer)
			throws OperatorCreationException, OCSPException, CertificateException {
		return new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
				new JcaX509CertificateHolder(issuer), certificate.getSerialNumber());
	}

	private static Fetched<OcspResponse> judge(HttpFetch.Response response, CertificateID id, X509Certificate issuer,
			String name) {
		if (response.statusCode() != 200) {
			return Fetched.failed("answered HTTP " + response.statusCode(), Instant.now().plus(RETRY_AFTER));
		}
		return judge(response.body(), id, issuer, name);
	}

	/**
	 * Judge a response a server stapled to its handshake, as one from a responder: signed for the issuer, about the
	 * certificate, current.
	 * @param encoded the DER {@code OCSPResponse}
	 * @param certificate the certificate it should be about
	 * @param issuer its issuer
	 * @param name the source, as answers name it
	 * @return what it says, or why it does not count
	 */
	static Fetched<OcspResponse> judgeStapled(byte[] encoded, X509Certificate certificate, X509Certificate issuer,
			String name) {
		try {
			return judge(encoded, certificateId(certificate, issuer), issuer, name);
		}
		catch (OperatorCreationException | OCSPException | CertificateException ex) {
			return Fetched.failed("cannot be matched to the certificate: " + ex, Instant.now());
		}
	}

	private static Fetched<OcspResponse> judge(byte[] body, CertificateID id, X509Certificate issuer, String name) {
		Instant now = Instant.now();
		Instant retry = now.plus(RETRY_AFTER);
		try {
			OCSPResp ocsp = new OCSPResp(body);
			if (ocsp.getStatus() != OCSPResp.SUCCESSFUL) {
				return Fetched.failed("refused the request (OCSP status " + ocsp.getStatus() + ")", retry);
			}
			BasicOCSPResp basic = (BasicOCSPResp) ocsp.getResponseObject();
			if (!signedForIssuer(basic, issuer)) {
				return Fetched.failed("sent a response signed neither by the issuer '"
						+ issuer.getSubjectX500Principal().getName() + "' nor by a responder it authorized", retry);
			}
			for (SingleResp single : basic.getResponses()) {
				if (single.getCertID().equals(id)) {
					return status(single, name, now, retry)
						.map((status) -> new OcspResponse(status, body));
				}
			}
			return Fetched.failed("answered about another certificate", retry);
		}
		catch (IOException | OCSPException | ClassCastException ex) {
			return Fetched.failed("sent something that is not an OCSP response (" + ex.getMessage() + ")", retry);
		}
	}

	private static Fetched<RevocationStatus> status(SingleResp single, String name, Instant now, Instant retry) {
		Instant thisUpdate = single.getThisUpdate().toInstant();
		Instant nextUpdate = (single.getNextUpdate() != null) ? single.getNextUpdate().toInstant() : null;
		if (thisUpdate.isAfter(now.plus(SKEW))) {
			return Fetched.failed("sent a response from the future (thisUpdate " + thisUpdate + "): check the clocks",
					retry);
		}
		if (nextUpdate != null && nextUpdate.isBefore(now.minus(SKEW))) {
			return Fetched.failed("sent a stale response (nextUpdate " + nextUpdate + ")", retry);
		}
		Instant bound = now.plus(MAX_AGE);
		Instant expires = (nextUpdate != null && nextUpdate.isBefore(bound)) ? nextUpdate : bound;
		Object state = single.getCertStatus();
		if (state == null) {
			return Fetched.of(RevocationStatus.good(name, thisUpdate, nextUpdate), expires);
		}
		if (state instanceof RevokedStatus revoked) {
			String reason = revoked.hasRevocationReason() ? CRLReason.values()[revoked.getRevocationReason()].name()
					: null;
			return Fetched.of(RevocationStatus.revoked(name, thisUpdate, nextUpdate,
					revoked.getRevocationTime().toInstant(), reason), expires);
		}
		String why = (state instanceof UnknownStatus) ? "does not know the certificate" : "gave no status";
		return Fetched.of(RevocationStatus.unknown(name, why), expires);
	}

	/** Signed by the issuer itself, or by a certificate the issuer gave the OCSP signing purpose. */
	private static boolean signedForIssuer(BasicOCSPResp basic, X509Certificate issuer) {
		if (verifies(basic, issuer.getPublicKey())) {
			return true;
		}
		JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
		for (X509CertificateHolder holder : basic.getCerts()) {
			try {
				X509Certificate delegate = converter.getCertificate(holder);
				delegate.verify(issuer.getPublicKey());
				delegate.checkValidity();
				List<String> purposes = delegate.getExtendedKeyUsage();
				if (purposes != null && purposes.contains(OCSP_SIGNING) && verifies(basic, delegate.getPublicKey())) {
					return true;
				}
			}
			catch (GeneralSecurityException ex) {
				// not a responder of this issuer
			}
		}
		return false;
	}

	private static boolean verifies(BasicOCSPResp basic, PublicKey key) {
		try {
			return basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
		}
		catch (OperatorCreationException | OCSPException ex) {
			return false;
		}
	}

	/** Whether the certificate has the TLS feature extension naming status_request ("must-staple", RFC 7633). */
	static boolean isMustStaple(X509Certificate certificate) {
		byte[] extension = certificate.getExtensionValue(TLS_FEATURE);
		if (extension == null) {
			return false;
		}
		try {
			ASN1Sequence features = ASN1Sequence.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension));
			for (ASN1Encodable feature : features) {
				if (ASN1Integer.getInstance(feature).hasValue(STATUS_REQUEST)) {
					return true;
				}
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			// a malformed extension asks for nothing
		}
		return false;
	}

	/** The first HTTP OCSP URL of the certificate's authority information access, or {@code null}. */
	static @Nullable URI responderOf(X509Certificate certificate) {
		byte[] extension = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
		if (extension == null) {
			return null;
		}
		try {
			AuthorityInformationAccess access = AuthorityInformationAccess
				.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension));
			for (AccessDescription description : access.getAccessDescriptions()) {
				GeneralName location = description.getAccessLocation();
				if (description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
						&& location.getTagNo() == GeneralName.uniformResourceIdentifier) {
					String url = location.getName().toString();
					if (url.startsWith("http://") || url.startsWith("https://")) {
						return URI.create(url);
					}
				}
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			// a malformed extension names no responder
		}
		return null;
	}

}
