package dev.tlsboot.netty;

import java.util.List;
import java.util.function.UnaryOperator;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;

/** Contexts for the Netty tests: all trust one CA, made once per test run. */
final class TestContexts {

	static final CertificateAuthority CA = CertificateAuthority.root("Netty Test CA");

	private TestContexts() {
	}

	/**
	 * A context with {@code identity} as its own certificate (none when {@code null}) that trusts {@link #CA}.
	 * @param options adjusts the default options
	 */
	static TlsContext context(String name, IssuedCertificate identity, UnaryOperator<TlsOptions.Builder> options) {
		return context(name, identity, ConnectionRegistry.global(), options);
	}

	/** As {@link #context(String, IssuedCertificate, UnaryOperator)}, its connections kept in {@code registry}. */
	static TlsContext context(String name, IssuedCertificate identity, ConnectionRegistry registry,
			UnaryOperator<TlsOptions.Builder> options) {
		TlsMaterial material = new TlsMaterial((identity != null) ? identity.keyMaterial() : null,
				List.of(CA.rootCertificate()));
		return TlsContext.builder(options.apply(TlsOptions.builder()).build())
			.name(name)
			.material(material)
			.registry(registry)
			.build();
	}

}
