package dev.tlsboot.sample;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wire format of the certificate request service, as in TclTLS's example. The client sends one line,
 * {@code certificate <commonName> <email>} ({@link CertificateRequest}); the server answers one line,
 * {@code true <keySize> <certSize>}, followed by exactly that many bytes of the PEM private key and then of the PEM
 * certificate, or {@code false 0 0} when it refuses; then it closes. Lines end with {@code \n} and are ASCII.
 */
final class RequestProtocol {

	/** The longest line either side accepts, line break included. */
	static final int MAX_LINE = 256;

	/** The largest key or certificate a client accepts. */
	static final int MAX_PEM = 64 * 1024;

	private static final String REFUSAL = "false 0 0";

	private static final Pattern ANSWER = Pattern.compile("(true|false) ([0-9]{1,6}) ([0-9]{1,6})");

	private RequestProtocol() {
	}

	/**
	 * Read one line, without its line break ({@code \n}, optionally preceded by {@code \r}).
	 * @param in the stream
	 * @return the line
	 * @throws ProtocolException when the line is longer than {@link #MAX_LINE}
	 * @throws EOFException when the stream ends before the line does
	 */
	static String readLine(InputStream in) throws IOException {
		LineBuffer line = new LineBuffer();
		Optional<String> complete = Optional.empty();
		while (complete.isEmpty()) {
			int b = in.read();
			if (b < 0) {
				throw new EOFException("The stream ended inside a line");
			}
			complete = line.add((byte) b);
		}
		return complete.get();
	}

	/** Send a client request. */
	static void writeRequest(OutputStream out, CertificateRequest request) throws IOException {
		out.write((request.line() + "\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	/** The answer with a key and certificate. */
	static byte[] credentials(Credentials credentials) {
		byte[] key = credentials.privateKeyPem().getBytes(StandardCharsets.US_ASCII);
		byte[] certificate = credentials.certificatePem().getBytes(StandardCharsets.US_ASCII);
		byte[] header = ("true " + key.length + " " + certificate.length + "\n").getBytes(StandardCharsets.US_ASCII);
		ByteArrayOutputStream answer = new ByteArrayOutputStream(header.length + key.length + certificate.length);
		answer.writeBytes(header);
		answer.writeBytes(key);
		answer.writeBytes(certificate);
		return answer.toByteArray();
	}

	/** The answer that refuses. */
	static byte[] refusal() {
		return (REFUSAL + "\n").getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Read the server's answer.
	 * @param in the stream
	 * @return the key and certificate, or empty when the server refused
	 * @throws ProtocolException when the answer is not in the protocol's format
	 * @throws EOFException when the stream ends before the announced bytes do
	 */
	static Optional<Credentials> readAnswer(InputStream in) throws IOException {
		String header = readLine(in);
		Matcher matcher = ANSWER.matcher(header);
		if (!matcher.matches()) {
			throw new ProtocolException("Not an answer of the certificate request service: '" + header + "'");
		}
		if (matcher.group(1).equals("false")) {
			return Optional.empty();
		}
		String key = readExactly(in, Integer.parseInt(matcher.group(2)));
		String certificate = readExactly(in, Integer.parseInt(matcher.group(3)));
		return Optional.of(new Credentials(key, certificate));
	}

	private static String readExactly(InputStream in, int size) throws IOException {
		if (size > MAX_PEM) {
			throw new ProtocolException("The server announced " + size + " bytes, more than " + MAX_PEM);
		}
		byte[] bytes = in.readNBytes(size);
		if (bytes.length < size) {
			throw new EOFException("The server announced " + size + " bytes and sent " + bytes.length);
		}
		return new String(bytes, StandardCharsets.US_ASCII);
	}

	/**
	 * A line that may arrive in pieces: the blocking reader above feeds it byte by byte, the service's event loop
	 * feeds it whatever came, and neither waits inside it.
	 */
	static final class LineBuffer {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		/**
		 * Take the next byte.
		 * @param b the byte
		 * @return the line, without its line break, once {@code b} ended it; else empty
		 * @throws ProtocolException when the line is longer than {@link #MAX_LINE}
		 */
		Optional<String> add(byte b) throws ProtocolException {
			if (b == '\n') {
				String text = this.bytes.toString(StandardCharsets.US_ASCII);
				return Optional.of(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
			}
			if (this.bytes.size() == MAX_LINE - 1) {
				throw new ProtocolException("A line longer than " + MAX_LINE + " bytes");
			}
			this.bytes.write(b);
			return Optional.empty();
		}

	}

}
