package dev.tlsboot.core.observe;

import java.io.IOException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.PKIXReason;

import javax.net.ssl.SSLHandshakeException;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import org.junit.jupiter.api.Test;

import dev.tlsboot.core.observe.HandshakeFailure.Cause;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures {@link HandshakeFailure} knows without a real handshake. */
class HandshakeFailureTests {

	@Test
	void nettysHandshakeTimeoutIsATimeout() {
		HandshakeFailure failure = HandshakeFailure
			.explain(new SslHandshakeTimeoutException("handshake timed out after 10000ms"));
		assertThat(failure.cause()).isEqualTo(Cause.TIMEOUT);
		assertThat(failure.explanation()).contains("'handshake-timeout'");
	}

	@Test
	void nettysHandshakeTimeoutIsFoundAsACause() {
		IOException wrapped = new IOException("closed", new SslHandshakeTimeoutException("handshake timed out"));
		assertThat(HandshakeFailure.explain(wrapped).cause()).isEqualTo(Cause.TIMEOUT);
	}

	@Test
	void noTrustAnchorIsAnUnknownCaWhateverTheWording() {
		CertPathValidatorException noAnchor = new CertPathValidatorException("worded otherwise", null, null, -1,
				PKIXReason.NO_TRUST_ANCHOR);
		SSLHandshakeException failure = new SSLHandshakeException("handshake failed");
		failure.initCause(new CertificateException("validation failed", noAnchor));
		assertThat(HandshakeFailure.explain(failure).cause()).isEqualTo(Cause.UNKNOWN_CA);
	}

	@Test
	void anAlertThisSideSentIsNotARefusalByThePeer() {
		// JDK 25 prefixes the alert it sends; JDK 17 names only the alerts it receives
		assertThat(HandshakeFailure.explain(new SSLHandshakeException("(certificate_unknown) checker refused")).cause())
			.isEqualTo(Cause.OTHER);
		assertThat(HandshakeFailure.explain(new SSLHandshakeException("Received fatal alert: certificate_unknown"))
			.cause()).isEqualTo(Cause.CERTIFICATE_REFUSED_BY_PEER);
	}

	@Test
	void nettysNotSslRecordIsAPlaintextPeerShowingWhatItSent() {
		HandshakeFailure failure = HandshakeFailure
			.explain(new NotSslRecordException("not an SSL/TLS record: 485454502f312e3120343030204261640d0a0d0a"));
		assertThat(failure.cause()).isEqualTo(Cause.PLAINTEXT_PEER);
		assertThat(failure.explanation()).startsWith("the peer does not speak TLS on this port: it sent plaintext "
				+ "(\"HTTP/1.1 400 Bad\")");
		assertThat(HandshakeFailure.explain(new NotSslRecordException("not an SSL/TLS record: 00ff16")).explanation())
			.startsWith("the peer does not speak TLS on this port: it sent plaintext. An HTTP");
	}

}
