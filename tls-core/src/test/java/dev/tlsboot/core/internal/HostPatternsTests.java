package dev.tlsboot.core.internal;

import java.util.Map;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HostPatternsTests {

	private final HostPatterns<String> patterns = HostPatterns.of(Map.of("api.example.com", "api", "*.example.com",
			"example", "*.eu.example.com", "eu", "localhost", "local"), "fallback");

	@Test
	void exactNameWinsOverWildcards() {
		assertThat(this.patterns.resolve("api.example.com")).isEqualTo("api");
		assertThat(this.patterns.resolve("API.Example.COM.")).isEqualTo("api");
	}

	@Test
	void longestWildcardWins() {
		assertThat(this.patterns.resolve("shop.eu.example.com")).isEqualTo("eu");
		assertThat(this.patterns.resolve("shop.example.com")).isEqualTo("example");
		assertThat(this.patterns.resolve("a.b.example.com")).isEqualTo("example");
	}

	@Test
	void wildcardDoesNotMatchTheBareDomainAndUnknownHostsFallBack() {
		assertThat(this.patterns.resolve("example.com")).isEqualTo("fallback");
		assertThat(this.patterns.resolve("badexample.com")).isEqualTo("fallback");
		assertThat(this.patterns.resolve(null)).isEqualTo("fallback");
	}

	@Test
	void starInsideANameIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> HostPatterns.of(Map.of("api.*.com", "x"), null))
			.withMessageContaining("api.*.com");
	}

}
