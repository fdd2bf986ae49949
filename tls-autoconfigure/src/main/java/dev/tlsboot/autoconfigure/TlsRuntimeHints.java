package dev.tlsboot.autoconfigure;

import java.util.List;
import java.util.Properties;

import javax.net.ssl.SSLParameters;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

import dev.tlsboot.autoconfigure.dev.TlsDevProperties;
import dev.tlsboot.core.jdbc.PostgresSslFactory;

/**
 * What TLS Boot reaches by reflection or as a resource, for a native image (registered in
 * {@code META-INF/spring/aot.factories}). The core has no Spring, so its needs are listed here, by name where they are
 * not public or may be absent.
 */
final class TlsRuntimeHints implements RuntimeHintsRegistrar {

	/** OpenSSL's cipher table, which {@code CipherSuite} reads next to itself. */
	static final String CIPHER_TABLE = "dev/tlsboot/core/cipher/cipher-suites.txt";

	/** Netty's class with tcnative's context pointer, which the key log ({@code KeyLog}) reads. */
	static final String OPENSSL_CONTEXT = "io.netty.handler.ssl.ReferenceCountedOpenSslContext";

	/** grpc-netty's server builder, whose guard against other security {@code GrpcServerTls} lifts. */
	static final String GRPC_SERVER_BUILDER = "io.grpc.netty.NettyServerBuilder";

	/** The guard's field. */
	static final String GRPC_SECURITY_FROZEN = "freezeProtocolNegotiatorFactory";

	/** The classes {@code Class.forName} probes for: Conscrypt ({@code provider}), ACCP ({@code crypto-provider}). */
	static final List<String> PROBED = List.of("org.conscrypt.Conscrypt",
			"com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.resources().registerPattern(CIPHER_TABLE);
		// JDK 20's groups API, looked up by name so that JDK 17 runs the same code.
		hints.reflection()
			.registerType(SSLParameters.class,
					(type) -> type
						.withMethod("setNamedGroups", List.of(TypeReference.of(String[].class)), ExecutableMode.INVOKE)
						.withMethod("getNamedGroups", List.of(), ExecutableMode.INVOKE));
		hints.reflection().registerType(TypeReference.of(OPENSSL_CONTEXT), (type) -> type.withField("ctx"));
		PROBED.forEach((name) -> hints.reflection().registerType(TypeReference.of(name)));
		// pgjdbc makes the SSL factory a JDBC URL names, through its constructor that takes the connection's properties
		hints.reflection()
			.registerType(PostgresSslFactory.class, (type) -> type
				.withConstructor(List.of(TypeReference.of(Properties.class)), ExecutableMode.INVOKE));
		hints.reflection()
			.registerType(TypeReference.of(GRPC_SERVER_BUILDER), (type) -> type.withField(GRPC_SECURITY_FROZEN));
		// Bound by hand from an environment post-processor, before any bean exists.
		BindableRuntimeHintsRegistrar.forTypes(TlsDevProperties.class).registerHints(hints, classLoader);
	}

}
