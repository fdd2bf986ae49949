package dev.tlsboot.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import dev.tlsboot.core.material.KeyMaterial;

/**
 * (a) The baseline: the JDK's own SSLContext, set up by hand as a careful application would, from the same key and
 * trust material. Keys and trust go through in-memory keystores into the default KeyManagerFactory (SunX509, the
 * faster of the JDK's two and the one Spring Boot's SSL bundles use) and a PKIX TrustManagerFactory. Clients send the
 * same SNI as TLS Boot and check the host name (endpoint identification {@code HTTPS}); protocols and suites are set
 * on every socket, as TLS Boot sets them.
 */
final class RawJdk {

	private static final char[] PASSWORD = "benchmark".toCharArray();

	private RawJdk() {
	}

	/** The endpoints of {@code setup}. */
	static Endpoints endpoints(Setup setup) throws GeneralSecurityException, IOException {
		Credentials credentials = setup.credentials();
		SSLContext server = context(credentials.server().keyMaterial(), credentials.root());
		SSLContext client = context(setup.mutual() ? credentials.client().keyMaterial() : null, credentials.root());
		SSLParameters serverParameters = parameters(setup);
		serverParameters.setNeedClientAuth(setup.mutual());
		SSLParameters clientParameters = parameters(setup);
		clientParameters.setEndpointIdentificationAlgorithm("HTTPS");
		clientParameters.setServerNames(List.of(new SNIHostName(Endpoints.HOST)));
		return new Endpoints() {

			@Override
			public ServerSocket bind() throws IOException {
				SSLServerSocket listener = (SSLServerSocket) Endpoints.listen(server.getServerSocketFactory());
				listener.setSSLParameters(serverParameters);
				return listener;
			}

			@Override
			public Socket connect(Socket tcp) throws IOException {
				SSLSocket socket = Endpoints.layer(client.getSocketFactory(), tcp);
				socket.setSSLParameters(clientParameters);
				return socket;
			}

		};
	}

	/**
	 * A server context from the PEM files {@link Credentials#writeServerPem} writes, read with the JDK alone: the
	 * startup baseline.
	 * @param directory the directory holding {@code server.crt}, {@code server.key} and {@code ca.crt}
	 * @return the context
	 */
	static SSLContext fromPem(Path directory) throws GeneralSecurityException, IOException {
		List<X509Certificate> chain = certificates(directory.resolve("server.crt"));
		String pem = Files.readString(directory.resolve("server.key"));
		byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
		PrivateKey key = KeyFactory.getInstance(chain.get(0).getPublicKey().getAlgorithm())
			.generatePrivate(new PKCS8EncodedKeySpec(der));
		return context(new KeyMaterial(key, chain), certificates(directory.resolve("ca.crt")).get(0));
	}

	private static List<X509Certificate> certificates(Path file) throws GeneralSecurityException, IOException {
		try (InputStream in = Files.newInputStream(file)) {
			List<X509Certificate> certificates = new ArrayList<>();
			CertificateFactory.getInstance("X.509")
				.generateCertificates(in)
				.forEach((certificate) -> certificates.add((X509Certificate) certificate));
			return certificates;
		}
	}

	/**
	 * An initialised context.
	 * @param key the key and chain to present, or {@code null} for none
	 * @param trusted the one CA to trust
	 * @return the context
	 */
	private static SSLContext context(KeyMaterial key, X509Certificate trusted)
			throws GeneralSecurityException, IOException {
		KeyManager[] keyManagers = null;
		if (key != null) {
			KeyStore keys = emptyKeyStore();
			keys.setKeyEntry("key", key.privateKey(), PASSWORD, key.chain().toArray(X509Certificate[]::new));
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(keys, PASSWORD);
			keyManagers = factory.getKeyManagers();
		}
		KeyStore trust = emptyKeyStore();
		trust.setCertificateEntry("ca", trusted);
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
		trustManagers.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers, trustManagers.getTrustManagers(), null);
		return context;
	}

	private static KeyStore emptyKeyStore() throws GeneralSecurityException, IOException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		return store;
	}

	/** The setup's protocol, and its suite if it names one; everything else the JDK's default. */
	private static SSLParameters parameters(Setup setup) {
		SSLParameters parameters = new SSLParameters();
		parameters.setProtocols(new String[] { setup.protocol().jsseName() });
		if (setup.cipherSuite() != null) {
			parameters.setCipherSuites(new String[] { setup.cipherSuite() });
		}
		return parameters;
	}

}
