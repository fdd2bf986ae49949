package dev.tlsboot.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * STARTTLS as SMTP does it: a plaintext greeting, an upgrade of the same connection to TLS ({@code tls::import}),
 * and back to plaintext after close_notify ({@code tls::unimport}).
 */
class StartTlsTests {

	private final CertificateAuthority ca = CertificateAuthority.root("StartTLS CA");

	private final IssuedCertificate mail = this.ca.issueServer("localhost");

	/** The provider every context of these tests runs on; {@link ConscryptProviderTests} runs them on Conscrypt. */
	TlsImplementation provider() {
		return TlsImplementation.JDK;
	}

	TlsOptions.Builder options() {
		return TlsOptions.builder().provider(provider());
	}

	@Test
	void upgradesAPlainConnectionAndReturnsToPlaintext() throws Exception {
		TlsContext serverTls = TlsContext.create("smtp-server", options().server(true).build(),
				new TlsMaterial(this.mail.keyMaterial(), List.of()));
		TlsContext clientTls = TlsContext.create("smtp-client", options().build(),
				new TlsMaterial(null, List.of(this.ca.rootCertificate())));
		try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			CompletableFuture<String> serverSaw = CompletableFuture.supplyAsync(() -> serve(listener, serverTls));
			try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
				plain.setSoTimeout(5000);
				assertThat(readLine(plain.getInputStream())).isEqualTo("220 localhost ESMTP");
				writeLine(plain.getOutputStream(), "STARTTLS");
				assertThat(readLine(plain.getInputStream())).isEqualTo("220 go ahead");

				SSLSocket tls = clientTls.startTls(plain, "localhost");
				assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.3");
				writeLine(tls.getOutputStream(), "MAIL FROM:<alice@example.com>");
				assertThat(readLine(tls.getInputStream())).isEqualTo("250 ok, over TLS");
				TlsSockets.stopTls(tls);

				assertThat(plain.isClosed()).isFalse();
				assertThat(readLine(plain.getInputStream())).isEqualTo("221 bye, in plaintext");
				writeLine(plain.getOutputStream(), "QUIT");
			}
			assertThat(serverSaw.get(10, TimeUnit.SECONDS)).isEqualTo("MAIL FROM:<alice@example.com>|QUIT");
		}
	}

	private static String serve(ServerSocket listener, TlsContext tlsContext) {
		try (Socket plain = listener.accept()) {
			plain.setSoTimeout(5000);
			writeLine(plain.getOutputStream(), "220 localhost ESMTP");
			assertThat(readLine(plain.getInputStream())).isEqualTo("STARTTLS");
			writeLine(plain.getOutputStream(), "220 go ahead");
			SSLSocket tls = tlsContext.startTls(plain, null);
			String mailFrom = readLine(tls.getInputStream());
			writeLine(tls.getOutputStream(), "250 ok, over TLS");
			// The client's close_notify ends TLS; answering it with ours returns the connection to plaintext.
			assertThat(tls.getInputStream().read()).isEqualTo(-1);
			TlsSockets.stopTls(tls);
			writeLine(plain.getOutputStream(), "221 bye, in plaintext");
			return mailFrom + "|" + readLine(plain.getInputStream());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Reads one line byte by byte, so that nothing after it is taken from the stream (as SMTP servers must). */
	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

	private static void writeLine(OutputStream out, String line) throws IOException {
		out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

}
