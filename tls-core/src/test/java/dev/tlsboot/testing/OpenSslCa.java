package dev.tlsboot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;

/**
 * A real CA database for revocation tests: {@code openssl ca} with an index file over a CA made by
 * {@link CertificateAuthority}, which issues the certificates (with the distribution point and responder URLs a test
 * wants) while {@code openssl ca -valid}/{@code -revoke} record them in the index and {@code openssl ca -gencrl} signs
 * the CRLs, as a private PKI's tooling does.
 */
public final class OpenSslCa {

	private static final DateTimeFormatter OPENSSL_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final Path directory;

	private final CertificateAuthority ca;

	private final AtomicInteger files = new AtomicInteger();

	private OpenSslCa(Path directory, CertificateAuthority ca) {
		this.directory = directory;
		this.ca = ca;
	}

	/**
	 * Set up the database of {@code ca} in {@code directory}.
	 * @param directory a directory of its own, created when missing
	 * @param ca the CA, whose key signs the CRLs
	 * @return the database
	 */
	public static OpenSslCa create(Path directory, CertificateAuthority ca) {
		OpenSslCli.assumeAvailable();
		try {
			Files.createDirectories(directory);
			ca.asIssuedCertificate().writeTo(directory, "ca");
			// openssl ca signs with the CA's own certificate, not the chain in ca.crt
			Files.writeString(directory.resolve("ca.pem"), pem(ca.certificate()));
			Files.writeString(directory.resolve("index.txt"), "");
			Files.writeString(directory.resolve("crlnumber"), "1000\n");
			Files.writeString(directory.resolve("ca.cnf"), """
					[ ca ]
					default_ca = test
					[ test ]
					database = index.txt
					unique_subject = no
					crlnumber = crlnumber
					certificate = ca.pem
					private_key = ca.key
					default_md = sha256
					default_crl_days = 1
					""");
			return new OpenSslCa(directory, ca);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The CA. */
	public CertificateAuthority ca() {
		return this.ca;
	}

	/** The index file, as {@code openssl ocsp -index} takes it. */
	public Path index() {
		return this.directory.resolve("index.txt");
	}

	/** The CA's certificate file. */
	public Path certificateFile() {
		return this.directory.resolve("ca.pem");
	}

	/** The CA's private key file. */
	public Path keyFile() {
		return this.directory.resolve("ca.key");
	}

	/**
	 * Record an issued certificate as valid ({@code openssl ca -valid}).
	 * @return the certificate, for chaining
	 */
	public IssuedCertificate valid(IssuedCertificate issued) {
		OpenSslCli.openssl(this.directory, "ca", "-config", "ca.cnf", "-valid", write(issued.certificate()))
			.checked();
		return issued;
	}

	/**
	 * Revoke a certificate ({@code openssl ca -revoke}), recording it first if the index does not know it.
	 * @param certificate the certificate
	 * @param reason an OpenSSL reason name, e.g. {@code keyCompromise}
	 */
	public void revoke(X509Certificate certificate, String reason) {
		OpenSslCli.openssl(this.directory, "ca", "-config", "ca.cnf", "-revoke", write(certificate), "-crl_reason",
				reason).checked();
	}

	/**
	 * Sign a CRL of the index now ({@code openssl ca -gencrl}), valid for a day.
	 * @param file where to write it (PEM)
	 * @return {@code file}
	 */
	public Path crl(Path file) {
		return crl(file, List.of());
	}

	/**
	 * Sign a CRL whose nextUpdate has passed: a CRL the CA should have replaced by now.
	 * @param file where to write it (PEM)
	 * @return {@code file}
	 */
	public Path staleCrl(Path file) {
		Instant now = Instant.now();
		return crl(file, List.of("-crl_lastupdate", OPENSSL_TIME.format(now.minusSeconds(7200)), "-crl_nextupdate",
				OPENSSL_TIME.format(now.minusSeconds(3600))));
	}

	private Path crl(Path file, List<String> more) {
		List<String> arguments = new ArrayList<>(List.of("ca", "-config", "ca.cnf", "-gencrl", "-out",
				file.toAbsolutePath().toString()));
		arguments.addAll(more);
		OpenSslCli.openssl(this.directory, arguments.toArray(String[]::new)).checked();
		return file;
	}

	/**
	 * Start {@code openssl ocsp} as the CA's responder on 127.0.0.1, answering from the index as it is now (openssl
	 * reads it once), signed by the CA, with a nextUpdate an hour ahead. It logs a {@code Received request} line per
	 * request.
	 * @param port the port, chosen before the certificates that name the responder were issued
	 * @return the running responder; close it to stop it
	 */
	public OpenSslCli.Server responder(int port) throws IOException, InterruptedException {
		return OpenSslCli.ocspResponder(this.directory, port, "-index", "index.txt", "-CA", "ca.pem", "-rsigner",
				"ca.pem", "-rkey", "ca.key", "-nmin", "60");
	}

	private String write(X509Certificate certificate) {
		try {
			Path file = this.directory.resolve("cert-" + this.files.incrementAndGet() + ".pem");
			Files.writeString(file, pem(certificate));
			return file.getFileName().toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A certificate as PEM. */
	public static String pem(X509Certificate certificate) {
		try {
			return "-----BEGIN CERTIFICATE-----\n"
					+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(certificate.getEncoded())
					+ "\n-----END CERTIFICATE-----\n";
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
