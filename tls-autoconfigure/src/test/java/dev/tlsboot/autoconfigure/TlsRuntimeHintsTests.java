package dev.tlsboot.autoconfigure;

import java.util.Properties;

import javax.net.ssl.SSLParameters;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.SpringFactoriesLoader;

import dev.tlsboot.autoconfigure.dev.TlsDevProperties;
import dev.tlsboot.core.jdbc.PostgresSslFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints a native image gets from TLS Boot, registered as Spring's AOT processing finds them (through
 * {@code META-INF/spring/aot.factories}), for what the code reaches by reflection or as a resource; and that each
 * hint still names something that exists.
 */
class TlsRuntimeHintsTests {

	private final RuntimeHints hints = registered();

	private static RuntimeHints registered() {
		RuntimeHints hints = new RuntimeHints();
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, TlsRuntimeHintsTests.class.getClassLoader()));
		return hints;
	}

	@Test
	void cipherTableIsIncluded() {
		assertThat(RuntimeHintsPredicates.resource().forResource(TlsRuntimeHints.CIPHER_TABLE)).accepts(this.hints);
		assertThat(new ClassPathResource(TlsRuntimeHints.CIPHER_TABLE).exists()).isTrue();
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_20, disabledReason = "SSLParameters has no named groups before JDK 20")
	void namedGroupsApiIsInvokable() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(SSLParameters.class, "setNamedGroups"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(SSLParameters.class, "getNamedGroups"))
			.accepts(this.hints);
	}

	@Test
	void keyLogReadsNettysOpenSslContextField() throws ReflectiveOperationException {
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(TlsRuntimeHints.OPENSSL_CONTEXT, "ctx"))
			.accepts(this.hints);
		// The hint names a field the Netty on the class path still has
		assertThat(Class.forName(TlsRuntimeHints.OPENSSL_CONTEXT).getDeclaredField("ctx")).isNotNull();
	}

	@Test
	void grpcServerTlsLiftsTheServerBuildersSecurityGuard() throws ReflectiveOperationException {
		assertThat(RuntimeHintsPredicates.reflection()
			.onFieldAccess(TlsRuntimeHints.GRPC_SERVER_BUILDER, TlsRuntimeHints.GRPC_SECURITY_FROZEN)).accepts(this.hints);
		// The hint names a field the grpc-netty on the class path still has
		assertThat(Class.forName(TlsRuntimeHints.GRPC_SERVER_BUILDER)
			.getDeclaredField(TlsRuntimeHints.GRPC_SECURITY_FROZEN)).isNotNull();
	}

	@Test
	void probedProvidersResolve() {
		assertThat(TlsRuntimeHints.PROBED).hasSize(2).allSatisfy((name) -> {
			assertThat(RuntimeHintsPredicates.reflection().onType(Class.forName(name))).accepts(this.hints);
		});
	}

	@Test
	void pgjdbcCanMakeThePostgresSslFactory() throws NoSuchMethodException {
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(PostgresSslFactory.class.getConstructor(Properties.class))).accepts(this.hints);
	}

	@Test
	void developmentCertificatePropertiesBind() {
		assertThat(RuntimeHintsPredicates.reflection().onType(TlsDevProperties.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(TlsDevProperties.class, "setHostNames"))
			.accepts(this.hints);
	}

}
