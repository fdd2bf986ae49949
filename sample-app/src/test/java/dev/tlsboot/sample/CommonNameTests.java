package dev.tlsboot.sample;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommonNameTests {

	@Test
	void takesTheMostSpecificCommonName() {
		assertThat(CommonName.of("CN=alice,OU=people,O=Example")).isEqualTo("alice");
		assertThat(CommonName.of("CN=alice,CN=team,O=Example")).isEqualTo("alice");
	}

	@Test
	void readsEscapedValues() {
		assertThat(CommonName.of("CN=Smith\\, Alice,O=Example")).isEqualTo("Smith, Alice");
	}

	@Test
	void fallsBackToTheWholeName() {
		assertThat(CommonName.of("O=Example")).isEqualTo("O=Example");
		assertThat(CommonName.of("not a name")).isEqualTo("not a name");
	}

}
