package dev.tlsboot.core;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsProtocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@link TlsOptions.Builder#build()} refuses, naming the option, and the nearest values it accepts. The
 * {@code groups} names are checked in {@link TlsImplementationTests}.
 */
class TlsOptionsBuilderTests {

	@ParameterizedTest
	@ValueSource(strings = { "SSL2", "SSL3" })
	void sslProtocolsCannotBeTurnedOn(TlsProtocol ssl) {
		assertRefused(TlsOptions.builder().protocol(ssl, true), ssl.option().optionName())
			.withMessageContaining(ssl.jsseName() + " cannot be turned on");
	}

	@ParameterizedTest
	@ValueSource(strings = { "TLS1", "TLS1_1" })
	void oldTlsNeedsSecurityLevelZero(TlsProtocol old) {
		assertRefused(TlsOptions.builder().protocol(old, true).securityLevel(1), old.option().optionName())
			.withMessageContaining("security level 1 refuses");
		assertThat(TlsOptions.builder().protocol(old, true).securityLevel(0).build().protocols()).contains(old);
	}

	@Test
	void atLeastOneProtocolStaysOn() {
		assertRefused(TlsOptions.builder().protocol(TlsProtocol.TLS1_2, false).protocol(TlsProtocol.TLS1_3, false),
				"tls1.2")
			.withMessageContaining("every protocol is turned off");
		assertThat(TlsOptions.builder().protocol(TlsProtocol.TLS1_2, false).build().protocols())
			.containsExactly(TlsProtocol.TLS1_3);
	}

	@ParameterizedTest
	@ValueSource(ints = { -1, 6 })
	void securityLevelIsZeroToFive(int level) {
		assertRefused(TlsOptions.builder().securityLevel(level), "security-level")
			.withMessageContaining("security level " + level + " does not exist");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 5 })
	void securityLevelsAtTheEndsAreAccepted(int level) {
		assertThat(TlsOptions.builder().securityLevel(level).build().securityLevel()).isEqualTo(level);
	}

	@ParameterizedTest
	@ValueSource(strings = { "PT0S", "PT-1S" })
	void handshakeTimeoutIsPositive(Duration timeout) {
		assertRefused(TlsOptions.builder().handshakeTimeout(timeout), "handshake-timeout")
			.withMessageContaining("must be positive");
		assertThat(TlsOptions.builder().handshakeTimeout(Duration.ofMillis(1)).build().handshakeTimeout())
			.isEqualTo(Duration.ofMillis(1));
	}

	@Test
	void keyfileNeedsACertfileButACertfileMayHoldItsKey() {
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> TlsOptions.builder().keyfile("file:/etc/tls/server.key").build())
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("certfile"))
			.satisfies((ex) -> assertThat(ex.location()).isEqualTo("file:/etc/tls/server.key"))
			.withMessageContaining("'keyfile' is set but 'certfile' is not");
		assertThat(TlsOptions.builder().certfile("file:/etc/tls/server.pem").build().hasKeyMaterial()).isTrue();
	}

	@Test
	void derCertAndKeyGoTogetherNamingTheMissingOne() {
		byte[] der = { 0x30, 0x00 };
		assertRefused(TlsOptions.builder().key(der), "cert").withMessageContaining("go together");
		assertRefused(TlsOptions.builder().cert(der), "key").withMessageContaining("go together");
		assertThat(TlsOptions.builder().cert(der).key(der).build().hasKeyMaterial()).isTrue();
	}

	@Test
	void alpnNamesAreOneTo255Bytes() {
		assertRefused(TlsOptions.builder().alpn("h2", ""), "alpn").withMessageContaining("1 to 255 bytes");
		assertRefused(TlsOptions.builder().alpn("x".repeat(256)), "alpn").withMessageContaining("1 to 255 bytes");
		assertThat(TlsOptions.builder().alpn("x".repeat(255)).build().alpn()).containsExactly("x".repeat(255));
	}

	@Test
	void groupsThatNameNoGroupLeaveTheDefault() {
		assertThat(TlsOptions.builder().groups(" : ").build().groups()).isEmpty();
	}

	@Test
	void postHandshakeIsAnOptionThatAContextRefuses() {
		TlsOptions options = TlsOptions.builder().postHandshake(true).build();
		assertThat(options.postHandshake()).isTrue();
		assertThatExceptionOfType(TlsConfigurationException.class)
			.isThrownBy(() -> TlsContext.create("post", options, new TlsMaterial(null, List.of())))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("post-handshake"))
			.withMessageContaining("does not implement TLS 1.3 post-handshake authentication");
	}

	private static org.assertj.core.api.ThrowableAssertAlternative<TlsConfigurationException> assertRefused(
			TlsOptions.Builder builder, String option) {
		return assertThatExceptionOfType(TlsConfigurationException.class).isThrownBy(builder::build)
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo(option));
	}


}
