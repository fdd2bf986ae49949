package dev.tlsboot.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.net.ssl.SSLSocket;

import org.springframework.boot.CommandLineRunner;
import org.springframework.stereotype.Component;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;

/**
 * Runs once at startup: a development CA issues a server and a client certificate, a TLS Boot server socket on
 * 127.0.0.1 requires the client's, and a TLS Boot client connects by name and prints what was negotiated.
 */
@Component
class LoopbackTour implements CommandLineRunner {

	private final PrintStream out;

	LoopbackTour() {
		this(System.out);
	}

	LoopbackTour(PrintStream out) {
		this.out = out;
	}

	@Override
	public void run(String... args) throws Exception {
		CertificateAuthority ca = CertificateAuthority.root("TLS Boot Sample CA");
		IssuedCertificate server = ca.issueServer("localhost", "127.0.0.1");
		IssuedCertificate client = ca.issueClient("sample-client");
		List<java.security.cert.X509Certificate> trust = List.of(ca.rootCertificate());
		TlsContext serverTls = TlsContext.create("server", TlsOptions.builder().require(true).alpn("h2", "http/1.1").build(),
				new TlsMaterial(server.keyMaterial(), trust));
		TlsContext clientTls = TlsContext.create("client", TlsOptions.builder().alpn("h2").build(),
				new TlsMaterial(client.keyMaterial(), trust));
		try (ServerSocket listener = serverTls.serverSocketFactory().createServerSocket(0, 1,
				InetAddress.getLoopbackAddress())) {
			Thread acceptor = new Thread(() -> greetOne(listener), "tour-server");
			acceptor.start();
			try (SSLSocket socket = clientTls.connect("localhost", listener.getLocalPort())) {
				String greeting = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
				this.out.println("TLS Boot loopback tour");
				this.out.println("  server says : " + greeting);
				this.out.println("  protocol    : " + socket.getSession().getProtocol());
				this.out.println("  cipher      : " + socket.getSession().getCipherSuite());
				this.out.println("  alpn        : " + socket.getApplicationProtocol());
				this.out.println("  server cert : "
						+ socket.getSession().getPeerPrincipal().getName());
			}
			acceptor.join(5000);
		}
	}

	private static void greetOne(ServerSocket listener) {
		try (SSLSocket socket = (SSLSocket) listener.accept()) {
			socket.startHandshake();
			OutputStream out = socket.getOutputStream();
			out.write(("hello " + socket.getSession().getPeerPrincipal().getName() + "\n")
				.getBytes(StandardCharsets.UTF_8));
			out.flush();
		}
		catch (IOException ex) {
			throw new IllegalStateException("The tour's server failed", ex);
		}
	}

}
