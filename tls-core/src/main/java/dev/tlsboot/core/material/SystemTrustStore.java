package dev.tlsboot.core.material;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;

/**
 * The trust stores outside the application: the operating system's CA bundle, found the way OpenSSL (and so TclTLS)
 * finds it, and the JDK's {@code cacerts}.
 */
final class SystemTrustStore {

	/** Where Linux distributions keep the CA bundle, most common first (the list Go's crypto/x509 uses). */
	static final List<String> BUNDLES = List.of("/etc/ssl/certs/ca-certificates.crt", // Debian, Ubuntu, Gentoo, Arch
			"/etc/pki/tls/certs/ca-bundle.crt", // Fedora, RHEL 6
			"/etc/ssl/ca-bundle.pem", // openSUSE
			"/etc/pki/tls/cacert.pem", // OpenELEC
			"/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", // CentOS, RHEL 7+
			"/etc/ssl/cert.pem"); // Alpine, macOS, the BSDs

	/** Where the CA bundle is kept one certificate per file, when there is no bundle. */
	static final List<String> DIRECTORIES = List.of("/etc/ssl/certs", "/etc/pki/tls/certs");

	private static final TlsOption OPTION = TlsOption.CASTORE;

	private SystemTrustStore() {
	}

	/**
	 * The operating system's CA certificates. {@code SSL_CERT_FILE} and {@code SSL_CERT_DIR} (a path list) win, as
	 * in OpenSSL; otherwise the first bundle of {@link #BUNDLES} that exists, otherwise the first directory of
	 * {@link #DIRECTORIES} with certificates in it.
	 * @param env the environment
	 * @return the certificates, empty when the system has no store this method knows
	 * @throws TlsConfigurationException when {@code SSL_CERT_FILE} or {@code SSL_CERT_DIR} names nothing usable
	 */
	static List<X509Certificate> system(Function<String, String> env) {
		String file = env.apply("SSL_CERT_FILE");
		String directories = env.apply("SSL_CERT_DIR");
		if (isSet(file) || isSet(directories)) {
			Set<X509Certificate> certificates = new LinkedHashSet<>();
			if (isSet(file)) {
				certificates.addAll(Certificates.read(Source.read(OPTION, new Location(required(file, "SSL_CERT_FILE")))));
			}
			if (isSet(directories)) {
				for (String directory : directories.split(File.pathSeparator)) {
					if (!directory.isBlank()) {
						certificates.addAll(Certificates.readDirectory(OPTION, Path.of(required(directory, "SSL_CERT_DIR"))));
					}
				}
			}
			return new ArrayList<>(certificates);
		}
		for (String bundle : BUNDLES) {
			if (Files.isRegularFile(Path.of(bundle))) {
				return Certificates.read(Source.read(OPTION, new Location(bundle)));
			}
		}
		for (String directory : DIRECTORIES) {
			if (Files.isDirectory(Path.of(directory))) {
				List<X509Certificate> certificates = Certificates.readDirectory(OPTION, Path.of(directory));
				if (!certificates.isEmpty()) {
					return certificates;
				}
			}
		}
		return List.of();
	}

	/** The certificates of the running JDK's {@code cacerts}. */
	static List<X509Certificate> java() {
		Location cacerts = new Location(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts").toString());
		return KeyStores.certificates(Source.read(OPTION, cacerts), null);
	}

	private static boolean isSet(String value) {
		return value != null && !value.isBlank();
	}

	private static String required(String path, String variable) {
		if (!Files.exists(Path.of(path))) {
			throw new TlsConfigurationException(OPTION, path,
					"the environment variable " + variable + " names a path that does not exist.",
					"Fix or unset " + variable + ".");
		}
		return path;
	}

}
