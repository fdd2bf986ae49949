package dev.tlsboot.core.material;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;

/**
 * Reads X.509 certificates from PEM or DER files and from certificate directories, with the JDK's own
 * {@link CertificateFactory}.
 */
final class Certificates {

	/** What OpenSSL and TclTLS read from a CA directory: PEM/DER names and {@code c_rehash} names. */
	private static final Pattern DIRECTORY_ENTRY = Pattern.compile("(?i).+\\.(pem|crt|cer)|[0-9a-f]{8}\\.[0-9]+");

	private Certificates() {
	}

	/**
	 * Every certificate of a PEM bundle, or of a DER file (one certificate, or several concatenated).
	 * @param source the content
	 * @return at least one certificate
	 * @throws dev.tlsboot.core.option.TlsConfigurationException when there is none
	 */
	static List<X509Certificate> read(Source source) {
		String action = "Point '" + source.option() + "' at PEM certificates (BEGIN CERTIFICATE) or a DER certificate.";
		if (source.isPem()) {
			List<X509Certificate> plain = JdkPem.certificatesOnly(source.bytes());
			if (plain != null) {
				return plain;
			}
			PemObjects pem = PemObjects.parse(source);
			List<X509Certificate> certificates = pem.certificates(source);
			if (certificates.isEmpty()) {
				throw source.failure("no certificate in it, found: " + pem.found() + ".", action);
			}
			return certificates;
		}
		List<X509Certificate> certificates = fromDer(source.bytes());
		if (certificates.isEmpty()) {
			throw source.failure("it is neither PEM (no BEGIN line) nor a DER certificate.", action);
		}
		return certificates;
	}

	/**
	 * The certificates of a DER file.
	 * @param der the content
	 * @return the certificates, empty when the content is not DER certificates
	 */
	static List<X509Certificate> fromDer(byte[] der) {
		try {
			Collection<? extends Certificate> parsed = factory().generateCertificates(new ByteArrayInputStream(der));
			return parsed.stream().map(X509Certificate.class::cast).toList();
		}
		catch (CertificateException | RuntimeException ex) {
			return List.of();
		}
	}

	static X509Certificate fromDer(Source source, byte[] der) {
		try {
			return (X509Certificate) factory().generateCertificate(new ByteArrayInputStream(der));
		}
		catch (CertificateException ex) {
			throw source.failure("a certificate in it cannot be read (" + ex.getMessage() + ").",
					"Check that the file is complete and not damaged, e.g. with openssl x509 -noout -text.", ex);
		}
	}

	/**
	 * The certificates of a CA directory, like OpenSSL's {@code -CApath}: files named {@code *.pem}, {@code *.crt},
	 * {@code *.cer} or {@code 1a2b3c4d.0}; other files are skipped, and so are duplicates (a hashed link and its
	 * target).
	 * @param option the option the directory was given for
	 * @param directory an existing directory
	 * @return the certificates, possibly none
	 */
	static List<X509Certificate> readDirectory(TlsOption option, Path directory) {
		Set<X509Certificate> certificates = new LinkedHashSet<>();
		try (Stream<Path> files = Files.list(directory)) {
			List<Path> entries = files.filter((file) -> DIRECTORY_ENTRY.matcher(file.getFileName().toString()).matches())
				.filter(Files::isRegularFile)
				.sorted()
				.toList();
			for (Path entry : entries) {
				certificates.addAll(read(Source.read(option, new Location(entry.toString()))));
			}
		}
		catch (IOException ex) {
			throw new TlsConfigurationException(option, directory.toString(),
					"the directory cannot be listed: " + ex.getMessage(),
					"Check that this process may read it.", ex);
		}
		return new ArrayList<>(certificates);
	}

	/** The subject's common name, or {@code null} when it has none. */
	static @Nullable String commonName(X509Certificate certificate) {
		RDN[] names = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
		return (names.length > 0) ? IETFUtils.valueToString(names[0].getFirst().getValue()) : null;
	}

	private static CertificateFactory factory() throws CertificateException {
		return CertificateFactory.getInstance("X.509");
	}

}
