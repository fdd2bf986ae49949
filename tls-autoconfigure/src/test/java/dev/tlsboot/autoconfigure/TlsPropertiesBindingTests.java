package dev.tlsboot.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

import dev.tlsboot.core.revocation.RevocationMode;
import dev.tlsboot.core.revocation.RevocationScope;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tls.*} binds by TclTLS's option names, {@code tls1.2} and friends included, from YAML as an application
 * writes it.
 */
class TlsPropertiesBindingTests {

	@Test
	void everyOptionBindsByItsTclTlsName() {
		TlsProperties tls = bindYaml("""
				tls:
				  cafile: classpath:ca.pem
				  cadir: /etc/ssl/certs
				  castore: [system, "file:/etc/tls/trust.p12"]
				  certfile: file:/etc/app/tls.crt
				  keyfile: file:/etc/app/tls.key
				  keyalias: web
				  password: secret
				  ssl2: false
				  ssl3: false
				  tls1: true
				  tls1.1: true
				  tls1.2: false
				  tls1.3: true
				  cipher: "ECDHE+AESGCM:!aNULL"
				  ciphersuites: TLS_AES_128_GCM_SHA256
				  alpn: [h2, http/1.1]
				  servername: api.internal
				  autoservername: false
				  request: true
				  require: false
				  security-level: 0
				  handshake-timeout: 1500ms
				  post-handshake: false
				  crlfile: file:/etc/tls/crls
				  revocation: hard
				  revocation-scope: leaf
				  revocation-timeout: 2s
				  revocation-ocsp: false
				  revocation-crldp: false
				  ocsp-responder: http://ocsp.internal/
				""");
		assertThat(tls.getCafile()).isEqualTo("classpath:ca.pem");
		assertThat(tls.getCadir()).isEqualTo("/etc/ssl/certs");
		assertThat(tls.getCastore()).containsExactly("system", "file:/etc/tls/trust.p12");
		assertThat(tls.getCertfile()).isEqualTo("file:/etc/app/tls.crt");
		assertThat(tls.getKeyfile()).isEqualTo("file:/etc/app/tls.key");
		assertThat(tls.getKeyalias()).isEqualTo("web");
		assertThat(tls.getPassword()).isEqualTo("secret");
		assertThat(List.of(tls.getSsl2(), tls.getSsl3(), tls.getTls1(), tls.getTls11(), tls.getTls12(), tls.getTls13()))
			.containsExactly(false, false, true, true, false, true);
		assertThat(tls.getCipher()).isEqualTo("ECDHE+AESGCM:!aNULL");
		assertThat(tls.getCiphersuites()).isEqualTo("TLS_AES_128_GCM_SHA256");
		assertThat(tls.getAlpn()).containsExactly("h2", "http/1.1");
		assertThat(tls.getServername()).isEqualTo("api.internal");
		assertThat(tls.getAutoservername()).isFalse();
		assertThat(tls.getRequest()).isTrue();
		assertThat(tls.getRequire()).isFalse();
		assertThat(tls.getSecurityLevel()).isZero();
		assertThat(tls.getHandshakeTimeout()).isEqualTo(Duration.ofMillis(1500));
		assertThat(tls.getPostHandshake()).isFalse();
		assertThat(tls.getCrlfile()).isEqualTo("file:/etc/tls/crls");
		assertThat(tls.getRevocation()).isEqualTo(RevocationMode.HARD);
		assertThat(tls.getRevocationScope()).isEqualTo(RevocationScope.LEAF);
		assertThat(tls.getRevocationTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(tls.getRevocationOcsp()).isFalse();
		assertThat(tls.getRevocationCrldp()).isFalse();
		assertThat(tls.getOcspResponder()).isEqualTo("http://ocsp.internal/");
	}

	@Test
	void namedContextsBindTheSameNamesAndLeaveTheRestUnset() {
		TlsProperties tls = bindYaml("""
				tls:
				  tls1.2: false
				  contexts:
				    billing:
				      cafile: classpath:billing-ca.pem
				      tls1.3: false
				      tls1.2: true
				      handshake-timeout: 2s
				    plain: {}
				""");
		assertThat(tls.getTls12()).isFalse();
		assertThat(tls.getContexts()).containsOnlyKeys("billing", "plain");
		assertThat(tls.getContexts().get("plain").getTls12()).isNull();
		ContextProperties billing = tls.getContexts().get("billing");
		assertThat(billing.getCafile()).isEqualTo("classpath:billing-ca.pem");
		assertThat(billing.getTls13()).isFalse();
		assertThat(billing.getTls12()).isTrue();
		assertThat(billing.getHandshakeTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(billing.getTls1()).isNull();
		assertThat(billing.getKeyfile()).isNull();
	}

	@Test
	void serverClientHttpsHandlerAndConnectionsBind() {
		TlsProperties tls = bindYaml("""
				tls:
				  server:
				    context: web
				    request: true
				    require: false
				    sni:
				      api.example.com: api
				      "[*.example.com]": wildcard
				    fallback: web
				  client:
				    context: billing
				    routes:
				      billing.internal: billing
				  https-handler:
				    register: true
				  connections:
				    max-tracked: 50
				""");
		assertThat(tls.getServer().getContext()).isEqualTo("web");
		assertThat(tls.getServer().getRequest()).isTrue();
		assertThat(tls.getServer().getRequire()).isFalse();
		assertThat(tls.getServer().getSni())
			.containsExactlyInAnyOrderEntriesOf(Map.of("api.example.com", "api", "*.example.com", "wildcard"));
		assertThat(tls.getServer().getFallback()).isEqualTo("web");
		assertThat(tls.getClient().getContext()).isEqualTo("billing");
		assertThat(tls.getClient().getRoutes()).containsExactlyEntriesOf(Map.of("billing.internal", "billing"));
		assertThat(tls.getHttpsHandler().isRegister()).isTrue();
		assertThat(tls.getConnections().getMaxTracked()).isEqualTo(50);
	}

	@Test
	void withNothingSetOptionsAreUnsetAndSettingsTakeTheirDefaults() {
		TlsProperties tls = bindYaml("other: 1");
		assertThat(tls.getTls12()).isNull();
		assertThat(tls.getCastore()).isNull();
		assertThat(tls.getContexts()).isEmpty();
		assertThat(tls.getServer().getSni()).isEmpty();
		assertThat(tls.getHttpsHandler().isRegister()).isFalse();
		assertThat(tls.getConnections().getMaxTracked()).isEqualTo(1000);
	}

	@Test
	void environmentVariablesReachTheDottedProtocolNames() {
		PropertySource<?> environment = new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				Map.of("TLS_TLS1_2", "false", "TLS_CONTEXTS_BILLING_TLS1_3", "false"));
		TlsProperties tls = bind(List.of(environment));
		assertThat(tls.getTls12()).isFalse();
		assertThat(tls.getContexts().get("billing").getTls13()).isFalse();
	}

	private static TlsProperties bindYaml(String yaml) {
		try {
			return bind(new YamlPropertySourceLoader().load("application.yml",
					new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8))));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static TlsProperties bind(List<PropertySource<?>> sources) {
		return new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate("tls", TlsProperties.class);
	}

}
