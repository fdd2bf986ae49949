package dev.tlsboot.core.material;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;

/**
 * Loads {@code crlfile}: one file of CRLs (PEM {@code X509 CRL} blocks, or DER), or a directory of them, like
 * OpenSSL's {@code -CRLfile} and {@code -CApath}. Every CRL must be signed by a trusted CA, so that a stray or forged
 * file fails at startup, not silently at the first handshake.
 */
final class Crls {

	/** {@code *.pem}, {@code *.crl}, {@code *.der} and OpenSSL's hashed CRL names ({@code 1a2b3c4d.r0}). */
	private static final Pattern DIRECTORY_ENTRY = Pattern.compile("(?i).+\\.(pem|crl|der)|[0-9a-f]{8}\\.r[0-9]+");

	private Crls() {
	}

	/**
	 * The CRLs {@code crlfile} names, checked against the trust anchors.
	 * @param options the context's options
	 * @param anchors the trusted certificates, one of which must have signed each CRL
	 * @return the CRLs, empty when {@code crlfile} is not set or revocation is off
	 */
	static List<X509CRL> load(MaterialOptions options, List<X509Certificate> anchors) {
		Location crlfile = options.crlfile();
		if (crlfile == null || crlfile.isMissingOptional() || !options.checksRevocation()) {
			return List.of();
		}
		Path path = crlfile.path();
		List<Source> sources = new ArrayList<>();
		if (path != null && Files.isDirectory(path)) {
			for (Path file : directory(crlfile, path)) {
				sources.add(Source.read(TlsOption.CRLFILE, new Location(file.toString())));
			}
		}
		else {
			sources.add(Source.read(TlsOption.CRLFILE, crlfile));
		}
		List<X509CRL> crls = new ArrayList<>();
		for (Source source : sources) {
			for (X509CRL crl : parse(source)) {
				checkSigned(crl, anchors, source);
				crls.add(crl);
			}
		}
		return List.copyOf(crls);
	}

	private static List<Path> directory(Location crlfile, Path path) {
		try (Stream<Path> files = Files.list(path)) {
			List<Path> entries = files.filter((file) -> DIRECTORY_ENTRY.matcher(file.getFileName().toString()).matches())
				.filter(Files::isRegularFile)
				.sorted()
				.toList();
			if (entries.isEmpty()) {
				throw new TlsConfigurationException(TlsOption.CRLFILE, crlfile.text(),
						"the directory holds no *.pem, *.crl, *.der or hashed (1a2b3c4d.r0) CRL file.",
						"Put the CRLs there, or point 'crlfile' at one file.");
			}
			return entries;
		}
		catch (IOException ex) {
			throw new TlsConfigurationException(TlsOption.CRLFILE, crlfile.text(),
					"the directory cannot be listed (" + ex.getMessage() + ").", "Check its permissions.", ex);
		}
	}

	private static List<X509CRL> parse(Source source) {
		Collection<? extends CRL> parsed;
		try {
			parsed = CertificateFactory.getInstance("X.509").generateCRLs(new ByteArrayInputStream(source.bytes()));
		}
		catch (CertificateException | CRLException | RuntimeException ex) {
			throw source.failure("it is not a CRL (" + ex.getMessage() + ").",
					"Point 'crlfile' at PEM (BEGIN X509 CRL) or DER CRLs; openssl crl -in FILE -noout -text shows one.",
					ex);
		}
		if (parsed.isEmpty()) {
			throw source.failure("no CRL in it.", "Point 'crlfile' at PEM (BEGIN X509 CRL) or DER CRLs.");
		}
		return parsed.stream().map(X509CRL.class::cast).toList();
	}

	private static void checkSigned(X509CRL crl, List<X509Certificate> anchors, Source source) {
		boolean named = false;
		for (X509Certificate anchor : anchors) {
			if (anchor.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
				named = true;
				try {
					crl.verify(anchor.getPublicKey());
					return;
				}
				catch (GeneralSecurityException ex) {
					// another CA of the same name may have signed it
				}
			}
		}
		String issuer = crl.getIssuerX500Principal().getName();
		throw source.failure("the CRL issued by '" + issuer + "' is not signed by a trusted CA"
				+ (named ? " (a CA of that name is trusted, but its key did not sign this CRL)." : "."),
				"Trust the CA that issued it ('cafile', 'cadir' or 'castore'; an intermediate CA's CRL needs that "
						+ "intermediate there too), or remove the CRL from 'crlfile'.");
	}

}
