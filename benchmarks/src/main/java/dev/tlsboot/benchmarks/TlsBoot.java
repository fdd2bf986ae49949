package dev.tlsboot.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.tlsboot.core.JsseProvider;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.TlsProtocol;
import dev.tlsboot.core.material.KeyMaterial;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.observe.ConnectionRegistry;

/**
 * (b), (c), (f) TLS Boot: a server and a client {@link TlsContext}, built with {@code TlsContext.builder(options)}
 * from the same material as the baseline, and their socket factories. The options are the defaults but for the
 * setup's protocol, suite and client certificate policy, and the {@link Variant}'s registry, provider and groups.
 */
final class TlsBoot {

	private TlsBoot() {
	}

	/** How a TLS Boot contender differs from (b): observation, provider, groups; the same on both ends. */
	enum Variant {

		OBSERVED(ConnectionRegistry.global(), JsseProvider.JDK, null),

		UNOBSERVED(ConnectionRegistry.disabled(), JsseProvider.JDK, null),

		CONSCRYPT(ConnectionRegistry.global(), JsseProvider.CONSCRYPT, null),

		CONSCRYPT_X25519(ConnectionRegistry.global(), JsseProvider.CONSCRYPT, "X25519"),

		CONSCRYPT_P256(ConnectionRegistry.global(), JsseProvider.CONSCRYPT, "P-256");

		private final ConnectionRegistry registry;

		private final JsseProvider provider;

		private final String groups;

		Variant(ConnectionRegistry registry, JsseProvider provider, String groups) {
			this.registry = registry;
			this.provider = provider;
			this.groups = groups;
		}

	}

	/** The endpoints of {@code variant}, for {@link Implementation}. */
	static Implementation.EndpointsFactory variant(Variant variant) {
		return (setup) -> endpoints(setup, variant);
	}

	/** The endpoints of {@code setup}. */
	static Endpoints endpoints(Setup setup, Variant variant) {
		Credentials credentials = setup.credentials();
		TlsOptions.Builder serverOptions = options(setup, variant);
		if (setup.mutual()) {
			serverOptions.request(true).require(true);
		}
		TlsContext server = context("benchmark-server", serverOptions, credentials.server().keyMaterial(),
				credentials.root(), variant);
		TlsContext client = context("benchmark-client", options(setup, variant),
				setup.mutual() ? credentials.client().keyMaterial() : null, credentials.root(), variant);
		return new Endpoints() {

			@Override
			public ServerSocket bind() throws IOException {
				return Endpoints.listen(server.serverSocketFactory());
			}

			@Override
			public Socket connect(int port) throws IOException {
				return Endpoints.layer(client.socketFactory(), port);
			}

		};
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

	private static TlsOptions.Builder options(Setup setup, Variant variant) {
		TlsOptions.Builder options = TlsOptions.builder().provider(variant.provider).groups(variant.groups);
		for (TlsProtocol protocol : List.of(TlsProtocol.TLS1_2, TlsProtocol.TLS1_3)) {
			options.protocol(protocol, protocol == setup.protocol());
		}
		if (setup.cipherSuite() != null) {
			options.ciphersuites(setup.cipherSuite());
		}
		return options;
	}

}
