package dev.tlsboot.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsImplementation;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.option.TlsProtocol;
import dev.tlsboot.core.material.KeyMaterial;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.pki.KeyType;

/**
 * (b), (c), (f) TLS Boot: a server and a client {@link TlsContext}, built with {@code TlsContext.builder(options)}
 * from the same material as the baseline, and their socket factories; (d) and (e) take the same contexts to Netty.
 * The options are the defaults but for the setup's protocol, suite and client certificate policy, and the
 * {@link Variant}'s registry, provider and groups. BoringSSL (Conscrypt, Netty's OpenSSL) always enables its three
 * TLS 1.3 suites and refuses options that leave some out, so there the setup's TLS 1.3 suite is not asked for, and
 * the report names the suite BoringSSL chose.
 */
final class TlsBoot {

	/** What chooses the TLS 1.3 suite where it cannot be held to one, as {@link Endpoints#tls13SuiteChooser}. */
	static final String BORINGSSL = "BoringSSL";

	private TlsBoot() {
	}

	/** How a TLS Boot contender differs from (b): observation, provider, groups; the same on both ends. */
	enum Variant {

		OBSERVED(ConnectionRegistry.global(), TlsImplementation.JDK, null),

		UNOBSERVED(ConnectionRegistry.disabled(), TlsImplementation.JDK, null),

		CONSCRYPT(ConnectionRegistry.global(), TlsImplementation.CONSCRYPT, null),

		CONSCRYPT_X25519(ConnectionRegistry.global(), TlsImplementation.CONSCRYPT, "X25519"),

		CONSCRYPT_P256(ConnectionRegistry.global(), TlsImplementation.CONSCRYPT, "P-256"),

		OPENSSL(ConnectionRegistry.global(), TlsImplementation.OPENSSL, null),

		OPENSSL_X25519(ConnectionRegistry.global(), TlsImplementation.OPENSSL, "X25519");

		private final ConnectionRegistry registry;

		private final TlsImplementation provider;

		private final String groups;

		Variant(ConnectionRegistry registry, TlsImplementation provider, String groups) {
			this.registry = registry;
			this.provider = provider;
			this.groups = groups;
		}

	}

	/** The endpoints of {@code variant}, for {@link Implementation}. */
	static Implementation.EndpointsFactory variant(Variant variant) {
		return (setup) -> endpoints(setup, variant);
	}

	/**
	 * The endpoints of {@code setup}.
	 * @throws Trial.Skipped as {@link #checkGroups}
	 */
	static Endpoints endpoints(Setup setup, Variant variant) throws Trial.Skipped {
		return endpoints(setup, variant, UnaryOperator.identity());
	}

	/**
	 * The endpoints of {@code setup}, the client's options changed by {@code client} (e.g. revocation).
	 * @throws Trial.Skipped as {@link #checkGroups}
	 */
	static Endpoints endpoints(Setup setup, Variant variant, UnaryOperator<TlsOptions.Builder> client)
			throws Trial.Skipped {
		checkGroups(setup, variant);
		boolean boringSsl = variant.provider == TlsImplementation.CONSCRYPT;
		Contexts contexts = contexts(setup, variant, !boringSsl, client);
		return new Endpoints() {

			@Override
			public ServerSocket bind() throws IOException {
				return Endpoints.listen(contexts.server().serverSocketFactory());
			}

			@Override
			public Socket connect(Socket tcp) throws IOException {
				return Endpoints.layer(contexts.client().socketFactory(), tcp);
			}

			@Override
			public void disableResumption() {
				if (boringSsl) {
					// A session timeout of 0 means none kept (the JDK would read it as no limit)
					contexts.client().sslContext().getClientSessionContext().setSessionTimeout(0);
				}
			}

			@Override
			public String tls13SuiteChooser() {
				return boringSsl ? BORINGSSL : null;
			}

		};
	}

	/**
	 * Skips a setup the variant's groups rule out.
	 * @throws Trial.Skipped when the variant's groups leave out the curve of the setup's ECDSA certificate under TLS
	 * 1.2, where the groups a client offers also bound the curves of the certificates it accepts
	 */
	static void checkGroups(Setup setup, Variant variant) throws Trial.Skipped {
		KeyType keyType = setup.credentials().keyType();
		String curve = "P-" + keyType.size();
		if (setup.protocol() == TlsProtocol.TLS1_2 && "EC".equals(keyType.algorithm()) && variant.groups != null
				&& !List.of(variant.groups.split(":")).contains(curve)) {
			throw new Trial.Skipped("groups " + variant.groups + " leave out " + curve + ", which TLS 1.2 needs for "
					+ "a " + curve + " certificate");
		}
	}

	/**
	 * The server's and the client's context for {@code setup}.
	 * @param setup the setup
	 * @param variant the registry, provider and groups
	 * @param holdsSuite whether the TLS implementation can be held to the setup's one TLS 1.3 suite; if not, the
	 * options leave the suites at their defaults
	 * @return the contexts
	 */
	static Contexts contexts(Setup setup, Variant variant, boolean holdsSuite) {
		return contexts(setup, variant, holdsSuite, UnaryOperator.identity());
	}

	private static Contexts contexts(Setup setup, Variant variant, boolean holdsSuite,
			UnaryOperator<TlsOptions.Builder> client) {
		Credentials credentials = setup.credentials();
		TlsOptions.Builder serverOptions = options(setup, variant, holdsSuite);
		if (setup.mutual()) {
			serverOptions.request(true).require(true);
		}
		TlsContext server = context("benchmark-server", serverOptions, credentials.server().keyMaterial(),
				credentials.root(), variant);
		TlsContext clientContext = context("benchmark-client", client.apply(options(setup, variant, holdsSuite)),
				setup.mutual() ? credentials.client().keyMaterial() : null, credentials.root(), variant);
		return new Contexts(server, clientContext);
	}

	/**
	 * A server context from the PEM files {@link Credentials#writeServerPem} writes, as an application configures
	 * one: {@code certfile}, {@code keyfile} and {@code cafile}.
	 * @param directory the directory holding {@code server.crt}, {@code server.key} and {@code ca.crt}
	 * @return the context
	 */
	static TlsContext fromPem(Path directory) {
		return TlsContext.create("benchmark", TlsOptions.builder()
			.certfile("file:" + directory.resolve("server.crt"))
			.keyfile("file:" + directory.resolve("server.key"))
			.cafile("file:" + directory.resolve("ca.crt"))
			.build());
	}

	private static TlsContext context(String name, TlsOptions.Builder options, KeyMaterial key,
			X509Certificate trusted, Variant variant) {
		return TlsContext.builder(options.build()).name(name).material(new TlsMaterial(key, List.of(trusted)))
			.registry(variant.registry).build();
	}

	private static TlsOptions.Builder options(Setup setup, Variant variant, boolean holdsSuite) {
		TlsOptions.Builder options = TlsOptions.builder().provider(variant.provider).groups(variant.groups);
		for (TlsProtocol protocol : List.of(TlsProtocol.TLS1_2, TlsProtocol.TLS1_3)) {
			options.protocol(protocol, protocol == setup.protocol());
		}
		if (setup.cipherSuite() != null && holdsSuite) {
			options.ciphersuites(setup.cipherSuite());
		}
		return options;
	}

	/**
	 * A server's and a client's context for one setup.
	 *
	 * @param server the server's, with its certificate
	 * @param client the client's, with a certificate for mTLS
	 */
	record Contexts(TlsContext server, TlsContext client) {
	}

}
