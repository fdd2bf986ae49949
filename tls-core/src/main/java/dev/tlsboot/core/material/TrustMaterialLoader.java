package dev.tlsboot.core.material;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.spi.PasswordProvider;

/**
 * Loads the trust anchors of a context, merging every source its options name, like TclTLS's {@code -cafile},
 * {@code -cadir} and {@code -castore}:
 * <ul>
 * <li>{@code cafile}: a PEM bundle (OpenSSL {@code TRUSTED CERTIFICATE} blocks too) or a DER certificate;</li>
 * <li>{@code cadir}: a directory of {@code *.pem}, {@code *.crt}, {@code *.cer} files and OpenSSL hashed names
 * ({@code 1a2b3c4d.0});</li>
 * <li>{@code castore}: {@code system} (the operating system's bundle, honouring {@code SSL_CERT_FILE} and
 * {@code SSL_CERT_DIR} as OpenSSL does), {@code java} (the JDK's {@code cacerts}), or {@code file:} /
 * {@code classpath:} a PKCS#12 or JKS keystore (or PEM bundle) whose certificates all become anchors.</li>
 * </ul>
 * With none of these options set, the system store is used; on a system without a CA bundle this loader knows (such
 * as Windows), the JDK's {@code cacerts} is used instead.
 */
final class TrustMaterialLoader {

	private static final String ACCEPTED_STORES = "system, java, file:/path/to/store.p12 (PKCS#12 or JKS) "
			+ "or classpath:store.p12";

	private TrustMaterialLoader() {
	}

	/**
	 * Load the trust anchors the options name.
	 * @param options the context's options
	 * @return the distinct certificates of every source, in the order the sources are listed above
	 * @throws TlsConfigurationException naming the option at fault when a source cannot be used
	 */
	static List<X509Certificate> load(MaterialOptions options) {
		return load(options, System::getenv);
	}

	/** {@link #load(MaterialOptions)} with the environment given, so that tests need not change the real one. */
	static List<X509Certificate> load(MaterialOptions options, Function<String, String> env) {
		if (!options.hasExplicitTrust()) {
			List<X509Certificate> system = SystemTrustStore.system(env);
			return system.isEmpty() ? SystemTrustStore.java() : system;
		}
		Set<X509Certificate> anchors = new LinkedHashSet<>();
		if (options.cafile() != null && !options.cafile().isMissingOptional()) {
			anchors.addAll(Certificates.read(Source.read(TlsOption.CAFILE, options.cafile())));
		}
		if (options.cadir() != null) {
			anchors.addAll(directory(options.cadir()));
		}
		for (String uri : options.castore()) {
			anchors.addAll(castore(uri, options.password(), env));
		}
		return List.copyOf(anchors);
	}

	private static List<X509Certificate> directory(Location cadir) {
		Path path = cadir.path();
		if (path == null || !Files.isDirectory(path)) {
			String problem = (path == null) ? "a class path resource cannot be listed as a directory."
					: (Files.exists(path) ? "it is a file, not a directory." : "the directory does not exist.");
			throw new TlsConfigurationException(TlsOption.CADIR, cadir.text(), problem,
					"Set 'cadir' to a directory of CA certificates on disk, or use 'cafile' for a single file.");
		}
		List<X509Certificate> certificates = Certificates.readDirectory(TlsOption.CADIR, path);
		if (certificates.isEmpty()) {
			throw new TlsConfigurationException(TlsOption.CADIR, cadir.text(),
					"the directory holds no *.pem, *.crt, *.cer or hashed (1a2b3c4d.0) certificate file.",
					"Put the CA certificates there (openssl rehash DIR makes the hashed names), or fix the path.");
		}
		return certificates;
	}

	private static List<X509Certificate> castore(String uri, PasswordProvider passwords, Function<String, String> env) {
		String store = uri.strip();
		if (store.equals("system")) {
			List<X509Certificate> system = SystemTrustStore.system(env);
			if (system.isEmpty()) {
				throw new TlsConfigurationException(TlsOption.CASTORE, store,
						"no operating system CA bundle was found (looked at " + SystemTrustStore.BUNDLES + " and "
								+ SystemTrustStore.DIRECTORIES + ").",
						"Set SSL_CERT_FILE to the bundle, or use castore 'java' for the JDK's cacerts.");
			}
			return system;
		}
		if (store.equals("java")) {
			return SystemTrustStore.java();
		}
		if (store.startsWith("file:") || store.startsWith("classpath:")) {
			Source source = Source.read(TlsOption.CASTORE, new Location(store));
			if (source.isPem()) {
				return Certificates.read(source);
			}
			char[] password = passwords.password(store);
			try {
				return KeyStores.certificates(source, password);
			}
			finally {
				if (password != null) {
					Arrays.fill(password, '\0');
				}
			}
		}
		throw new TlsConfigurationException(TlsOption.CASTORE, store, "this is not a trust store this library knows.",
				"Use one of: " + ACCEPTED_STORES + ".");
	}

}
