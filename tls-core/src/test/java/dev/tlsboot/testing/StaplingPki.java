package dev.tlsboot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.Issuance;

/**
 * The PKI of a test class about OCSP stapling: a root CA with a real {@code openssl ca} database in a directory of
 * its own, the port of its {@code openssl ocsp} responder chosen before the test issues the certificates that name it,
 * the responder started once they are recorded (it reads the index once), and stopped, and the directory deleted,
 * after the class. After each test it also puts the JDK's JVM-wide stapling switch ({@value #JDK_SWITCH}), which a
 * context with {@code ocsp-stapling} sets, back as it was, so that no later SSLContext of the test JVM staples
 * because of an earlier test. Register it with {@code @RegisterExtension} in a static field.
 */
public final class StaplingPki implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

	/** The JDK's switch of server-side stapling. */
	public static final String JDK_SWITCH = "jdk.tls.server.enableStatusRequestExtension";

	private final String name;

	private Path directory;

	private OpenSslCa ca;

	private int port;

	private OpenSslCli.Server responder;

	private String switchBefore;

	/** @param name the common name of the root CA */
	public StaplingPki(String name) {
		this.name = name;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		this.switchBefore = System.getProperty(JDK_SWITCH);
		this.directory = Files.createTempDirectory("stapling-pki");
		this.port = OpenSslCli.freePort();
		this.ca = OpenSslCa.create(this.directory.resolve("ca"), CertificateAuthority.root(this.name));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (this.switchBefore == null) {
			System.clearProperty(JDK_SWITCH);
		}
		else {
			System.setProperty(JDK_SWITCH, this.switchBefore);
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		if (this.responder != null) {
			this.responder.close();
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	/** The CA and its database. */
	public OpenSslCa ca() {
		return this.ca;
	}

	/** Where the test writes its certificates and keys. */
	public Path directory() {
		return this.directory;
	}

	/** A file of {@link #directory()}, as a path string. */
	public String file(String name) {
		return this.directory.resolve(name).toString();
	}

	/** The responder's URL, on 127.0.0.1, also before it runs. */
	public String responderUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/** A server certificate for {@code localhost} and 127.0.0.1 naming the responder, issued by the root. */
	public Issuance server() {
		return this.ca.ca().issue().commonName("localhost").subjectAltNames("localhost", "127.0.0.1").serverAuth()
			.ocspResponder(responderUrl());
	}

	/** Start the responder over the index as it is now. */
	public void startResponder() {
		try {
			this.responder = this.ca.responder(this.port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The running responder. */
	public OpenSslCli.Server responder() {
		return this.responder;
	}

}
