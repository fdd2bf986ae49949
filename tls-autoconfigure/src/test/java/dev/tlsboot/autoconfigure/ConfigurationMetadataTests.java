package dev.tlsboot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepository;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;
import org.springframework.boot.configurationmetadata.ValueHint;
import org.springframework.boot.configurationmetadata.ValueProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.tlsboot.core.TlsImplementation;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.cipher.CipherSelection;
import dev.tlsboot.core.option.TlsOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The IDE metadata as an IDE reads it: what {@code spring-boot-configuration-processor} generates from
 * {@link TlsProperties}, merged with {@code additional-spring-configuration-metadata.json}. The defaults it states
 * are checked against the core's, {@link TlsOptions#defaults()}, and its hints against what the core accepts.
 */
class ConfigurationMetadataTests {

	/**
	 * The options whose default is the same in every context; the others' depend on the role ({@code request},
	 * {@code require}), the provider or the JDK ({@code cipher}, {@code ciphersuites}, {@code groups}), or the
	 * material ({@code castore}), and are described in words.
	 */
	private static final Set<TlsOption> FIXED_DEFAULTS = EnumSet.of(TlsOption.SSL2, TlsOption.SSL3, TlsOption.TLS1,
			TlsOption.TLS1_1, TlsOption.TLS1_2, TlsOption.TLS1_3, TlsOption.PROVIDER, TlsOption.AUTOSERVERNAME,
			TlsOption.SECURITY_LEVEL, TlsOption.HANDSHAKE_TIMEOUT, TlsOption.POST_HANDSHAKE);

	/** The properties whose value names a context. */
	private static final List<String> CONTEXT_REFERENCES = List.of("tls.client.context", "tls.client.routes",
			"tls.server.context", "tls.server.fallback", "tls.server.sni");

	private static Map<String, ConfigurationMetadataProperty> properties;

	@BeforeAll
	static void read() throws IOException {
		try (InputStream in = ConfigurationMetadataTests.class.getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("the generated metadata").isNotNull();
			properties = ConfigurationMetadataRepositoryJsonBuilder.create(in).build().getAllProperties();
		}
	}

	@Test
	void describesEveryPropertyWithItsType() {
		assertThat(properties.values().stream().filter(ConfigurationMetadataTests::ours)).hasSizeGreaterThan(40)
			.allSatisfy((property) -> assertThat(property.getDescription()).as(property.getId()).isNotBlank())
			.allSatisfy((property) -> assertThat(property.getType()).as(property.getId()).isNotBlank());
		assertThat(properties).containsKeys("tls.contexts", "tls.tls1.2", "tls.server.sni", "tls.client.routes",
				"tls.https-handler.register", "tls.dev.enabled", "management.health.tls.enabled")
			.doesNotContainKey("tls.tls12");
		// Process-wide, so only at the top level, and the description says so.
		assertThat(properties.get("tls.crypto-provider").getDescription())
			.contains("A setting of the whole JVM, not of a context");
	}

	@Test
	void statesTheCoresFixedDefaults() {
		for (TlsOption option : FIXED_DEFAULTS) {
			ConfigurationMetadataProperty property = properties.get("tls." + option.optionName());
			assertThat(property.getDefaultValue()).as("default of %s", property.getId()).isNotNull();
			TlsOptions.Builder options = TlsOptions.builder();
			Set<TlsOption> applied = TlsOptionsMapper.apply(bind(property.getId(), property.getDefaultValue()), options);
			assertThat(applied).as(property.getId()).containsExactly(option);
			assertThat(options.build()).as("%s set to the default the metadata states", property.getId())
				.isEqualTo(TlsOptions.defaults());
		}
		assertThat(properties.get("management.health.tls.enabled").getDefaultValue()).isEqualTo(true);
	}

	@Test
	void hintsDescribeEveryValue() {
		assertThat(properties.values().stream().flatMap((property) -> property.getHints().getValueHints().stream()))
			.hasSizeGreaterThan(30)
			.allSatisfy((hint) -> assertThat(hint.getDescription()).as("%s", hint.getValue()).isNotBlank());
		assertThat(values("tls.castore")).contains("system", "java", "file:");
		assertThat(values("tls.alpn")).contains("h2", "http/1.1");
		assertThat(values("tls.security-level")).containsExactly(0, 1, 2, 3, 4, 5);
		assertThat(values("tls.crypto-provider")).containsExactly("jdk", "accp");
	}

	@Test
	void hintsNameOnlyWhatTheCoreAccepts() throws Exception {
		assertThat(values("tls.provider")).containsExactlyElementsOf(
				Stream.of(TlsImplementation.values()).map((provider) -> provider.name().toLowerCase(Locale.ROOT)).toList());
		assertThat(values("tls.groups")).contains("X25519MLKEM768", "X25519", "P-256")
			.allSatisfy((group) -> assertThatNoException().as("groups %s", group)
				.isThrownBy(() -> TlsOptions.builder().groups((String) group).build()));
		List<String> jdkSuites = Arrays.asList(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
		assertThat(values("tls.ciphersuites")).isNotEmpty()
			.allSatisfy((suite) -> assertThat(CipherSelection.ofTls13Suites((String) suite, jdkSuites).suites())
				.containsExactly((String) suite));
	}

	@Test
	void contextReferencesOfferTheDefaultContextAndAnyOther() {
		for (String name : CONTEXT_REFERENCES) {
			assertThat(values(name)).as(name).containsExactly(TlsProperties.DEFAULT_CONTEXT);
			assertThat(properties.get(name).getHints().getValueProviders()).as(name)
				.extracting(ValueProvider::getName)
				.containsExactly("any");
		}
	}

	private static boolean ours(ConfigurationMetadataProperty property) {
		return property.getId().startsWith("tls.") || property.getId().contains(".tls.");
	}

	private static List<Object> values(String property) {
		return properties.get(property).getHints().getValueHints().stream().map(ValueHint::getValue).toList();
	}

	/** The properties an application gets from {@code name=value}, bound as Spring Boot binds them. */
	private static TlsProperties bind(String name, Object value) {
		return new Binder(new MapConfigurationPropertySource(Map.of(name, String.valueOf(value))))
			.bindOrCreate("tls", TlsProperties.class);
	}

}
