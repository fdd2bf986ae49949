package dev.tlsboot.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.TlsProtocol;
import dev.tlsboot.core.material.KeyMaterial;
import dev.tlsboot.core.material.TlsMaterial;

/**
 * (b) TLS Boot: a server and a client {@link TlsContext}, built with {@code TlsContext.create(name, options,
 * material)} from the same material as the baseline, and their socket factories. The options are the defaults but
 * for the setup's protocol, suite and client certificate policy.
 */
final class TlsBoot {

	private TlsBoot() {
	}

	/** The endpoints of {@code setup}. */
	static Endpoints endpoints(Setup setup) {
		Credentials credentials = setup.credentials();
		TlsOptions.Builder serverOptions = options(setup);
		if (setup.mutual()) {
			serverOptions.request(true).require(true);
		}
		TlsContext server = context("benchmark-server", serverOptions, credentials.server().keyMaterial(),
				credentials.root());
		TlsContext client = context("benchmark-client", options(setup),
				setup.mutual() ? credentials.client().keyMaterial() : null, credentials.root());
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
			X509Certificate trusted) {
		return TlsContext.create(name, options.build(), new TlsMaterial(key, List.of(trusted)));
	}

	private static TlsOptions.Builder options(Setup setup) {
		TlsOptions.Builder options = TlsOptions.builder();
		for (TlsProtocol protocol : List.of(TlsProtocol.TLS1_2, TlsProtocol.TLS1_3)) {
			options.protocol(protocol, protocol == setup.protocol());
		}
		if (setup.cipherSuite() != null) {
			options.ciphersuites(setup.cipherSuite());
		}
		return options;
	}

}
