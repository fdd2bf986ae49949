package dev.tlsboot.core.observe;

import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.PKIXReason;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Why a handshake failed, in plain words, after TclTLS's "Error Messages": the JDK's exceptions name a symptom
 * ({@code Received fatal alert: protocol_version}); this names the cause and what to do.
 *
 * @param cause the kind of failure
 * @param explanation one or two sentences for a person
 */
public record HandshakeFailure(Cause cause, String explanation) {

	// "Received fatal alert: handshake_failure" when the peer sent it, "(certificate_unknown) ..." when the JDK did
	private static final Pattern RECEIVED_ALERT = Pattern.compile("Received fatal alert: (\\w+)");

	private static final Pattern SENT_ALERT = Pattern.compile("^\\((\\w+)\\) ");

	private static final String NETTY_HANDSHAKE_TIMEOUT = "io.netty.handler.ssl.SslHandshakeTimeoutException";

	private static final String NETTY_NOT_SSL_RECORD = "io.netty.handler.ssl.NotSslRecordException";

	// Netty's "not an SSL/TLS record: 485454502f312e31..." shows the bytes the peer sent, in hex
	private static final Pattern NETTY_RECORD_BYTES = Pattern.compile("record: ((?:[0-9a-f]{2})+)");

	private static final int PLAINTEXT_SHOWN = 40;

	private static final String PLAINTEXT = "the peer does not speak TLS on this port: it sent plaintext%s. An HTTP or "
			+ "SMTP port, a client asking for http:// on an https:// port, or a plaintext proxy in between? Check the "
			+ "port and the scheme, or use STARTTLS if the protocol starts in plaintext.";

	/** The causes users meet, most specific first. */
	public enum Cause {

		/** The peer does not speak TLS on this port. */
		PLAINTEXT_PEER,
		/** The peer's chain ends at a CA that is not trusted here. */
		UNKNOWN_CA,
		/** The peer did not send the issuer of the last certificate it sent, and it is not trusted here either. */
		MISSING_INTERMEDIATE,
		/** A certificate in the chain has expired. */
		EXPIRED,
		/** A certificate in the chain is not valid yet. */
		NOT_YET_VALID,
		/** The server certificate does not name the host. */
		HOSTNAME_MISMATCH,
		/** The certificate is below the security level (key size, SHA-1). */
		SECURITY_LEVEL,
		/** A certificate in the chain is revoked, says a CRL, an OCSP responder or a stapled response. */
		REVOKED,
		/** With {@code revocation: hard}, no source could say that a certificate in the chain is not revoked. */
		REVOCATION_UNKNOWN,
		/** No protocol version in common. */
		NO_SHARED_PROTOCOL,
		/** No cipher suite in common. */
		NO_SHARED_CIPHER,
		/** The server wants a client certificate and none was sent. */
		CLIENT_CERTIFICATE_REQUIRED,
		/** A {@code TlsValidator} rejected the handshake. */
		REJECTED_BY_VALIDATOR,
		/** The peer refused this side's certificate. */
		CERTIFICATE_REFUSED_BY_PEER,
		/** The peer closed the connection during the handshake. */
		PEER_CLOSED,
		/** The handshake did not finish in time. */
		TIMEOUT,
		/** Anything else: the JDK's message is all there is. */
		OTHER

	}

	/**
	 * Explain a handshake failure.
	 * @param failure what the handshake threw
	 * @return the cause and explanation
	 */
	public static HandshakeFailure explain(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			HandshakeFailure typed = byType(cause);
			if (typed != null) {
				return typed;
			}
		}
		String message = messages(failure).toLowerCase(Locale.ROOT);
		if (message.contains("unsupported or unrecognized ssl message") || message.contains("plaintext connection")
				|| message.contains("wrong version number") || message.contains("wrong_version_number")
				|| message.contains("unable to parse tls packet header")) {
			return new HandshakeFailure(Cause.PLAINTEXT_PEER, PLAINTEXT.formatted(""));
		}
		if (message.contains("protocol_version") || message.contains("not accepted by client preferences")
				|| message.contains("no appropriate protocol") || message.contains("protocol is disabled")) {
			return new HandshakeFailure(Cause.NO_SHARED_PROTOCOL, "the two sides share no protocol version: this "
					+ "side allows only what 'tls1.2'/'tls1.3' turn on, the peer something else (a server that "
					+ "speaks only TLS 1.1 or older?). Upgrade the peer; turning on 'tls1.1' needs "
					+ "'security-level: 0' and is insecure.");
		}
		if (message.contains("no cipher suites in common") || message.contains("insufficient_security")) {
			return new HandshakeFailure(Cause.NO_SHARED_CIPHER, "the two sides share no cipher suite. Compare "
					+ "'cipher'/'ciphersuites' here with the peer's list (openssl s_client -connect host:port).");
		}
		if (message.contains("empty client certificate chain") || message.contains("certificate_required")
				|| message.contains("null cert chain") || message.contains("peer_did_not_return_a_certificate")) {
			return new HandshakeFailure(Cause.CLIENT_CERTIFICATE_REQUIRED, "the server requires a client "
					+ "certificate and none was sent. Set 'certfile' and 'keyfile' on the client.");
		}
		// JDK 25 names the alert it sends too, "(certificate_unknown) ...": that is this side refusing, not the peer
		boolean sent = alert(failure).filter((alert) -> alert.endsWith("(sent)")).isPresent();
		if (!sent && (message.contains("bad_certificate") || message.contains("certificate_unknown")
				|| message.contains("unknown_ca") || message.contains("certificate_expired"))) {
			return new HandshakeFailure(Cause.CERTIFICATE_REFUSED_BY_PEER, "the peer refused this side's "
					+ "certificate (" + firstMessage(failure) + "). Check that the peer trusts its CA and that it "
					+ "is valid; the peer's log says why.");
		}
		if (failure instanceof EOFException || message.contains("remote host terminated the handshake")
				|| message.contains("connection reset")) {
			return new HandshakeFailure(Cause.PEER_CLOSED, "the peer closed the connection during the handshake "
					+ "without saying why (no TLS alert). It may refuse our protocol, ciphers or certificate: "
					+ "its log says which.");
		}
		return new HandshakeFailure(Cause.OTHER, firstMessage(failure));
	}

	/**
	 * The TLS alert a handshake failure was about, as far as the JDK's messages tell.
	 * @param failure what the handshake threw
	 * @return the alert's name followed by {@code (received)} or {@code (sent)}, or empty when none is named
	 */
	public static Optional<String> alert(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String message = (cause.getMessage() != null) ? cause.getMessage() : "";
			Matcher received = RECEIVED_ALERT.matcher(message);
			if (received.find()) {
				return Optional.of(received.group(1) + " (received)");
			}
			Matcher sent = SENT_ALERT.matcher(message);
			if (sent.find()) {
				return Optional.of(sent.group(1) + " (sent)");
			}
		}
		return Optional.empty();
	}

	/**
	 * What the exception's type tells, whatever its message says: TLS Boot's own refusals, timeouts, Netty's
	 * {@code NotSslRecordException} and the JDK's certificate path errors. Netty's exceptions are known by name, so
	 * that the core needs no Netty.
	 */
	private static @Nullable HandshakeFailure byType(Throwable cause) {
		if (cause instanceof RefusedCertificateException refused) {
			return new HandshakeFailure(refused.reason(), refused.getMessage());
		}
		if (cause instanceof SocketTimeoutException || cause.getClass().getName().equals(NETTY_HANDSHAKE_TIMEOUT)) {
			return new HandshakeFailure(Cause.TIMEOUT, "the peer did not complete the handshake in time "
					+ "('handshake-timeout'). Is it a TLS server, and is it overloaded?");
		}
		if (cause.getClass().getName().equals(NETTY_NOT_SSL_RECORD)) {
			return new HandshakeFailure(Cause.PLAINTEXT_PEER, PLAINTEXT.formatted(sentText(cause.getMessage())));
		}
		// The JDK's PKIX: "path building failed" when no anchor has the issuer's name, "path validation failed:
		// Path does not chain with any of the trust anchors" when one has its name but not its key
		if (cause instanceof CertPathBuilderException || (cause instanceof CertPathValidatorException invalid
				&& invalid.getReason() == PKIXReason.NO_TRUST_ANCHOR)) {
			return new HandshakeFailure(Cause.UNKNOWN_CA, "the peer's certificate does not chain to a CA trusted "
					+ "here (" + cause.getMessage() + "). Add its CA to 'cafile' (or 'cadir', 'castore') if you "
					+ "trust it; if it comes from an intermediate CA, the peer must send that after its certificate.");
		}
		return null;
	}

	/**
	 * The start of what a plaintext peer sent, when Netty's message shows it and it is text:
	 * {@code  ("HTTP/1.1 400 Bad Request")}.
	 */
	private static String sentText(@Nullable String message) {
		Matcher hex = NETTY_RECORD_BYTES.matcher((message != null) ? message : "");
		if (!hex.find()) {
			return "";
		}
		byte[] bytes = HexFormat.of().parseHex(hex.group(1));
		String text = new String(bytes, 0, Math.min(bytes.length, PLAINTEXT_SHOWN), StandardCharsets.ISO_8859_1);
		int end = text.indexOf('\r');
		String line = (end >= 0) ? text.substring(0, end) : text;
		return (!line.isEmpty() && line.chars().allMatch((c) -> c >= 0x20 && c < 0x7f)) ? " (\"" + line + "\")" : "";
	}

	private static String messages(Throwable failure) {
		StringBuilder all = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			all.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append('\n');
		}
		return all.toString();
	}

	private static String firstMessage(Throwable failure) {
		return (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
	}

}
