package dev.tlsboot.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CertificateRequestTests {

	@Test
	void readsARequestLine() {
		assertThat(CertificateRequest.parse("certificate alice.smith-1_a alice+tls@mail.example.com"))
			.contains(new CertificateRequest("alice.smith-1_a", "alice+tls@mail.example.com"));
	}

	@Test
	void writesTheLineItReads() {
		CertificateRequest request = new CertificateRequest("bob", "bob@localhost");
		assertThat(request.line()).isEqualTo("certificate bob bob@localhost");
		assertThat(CertificateRequest.parse(request.line())).contains(request);
	}

	@ParameterizedTest
	@ValueSource(strings = { "certificate ../x x@example.com", "certificate x/y x@example.com",
			"certificate .hidden x@example.com", "certificate .. x@example.com", "certificate C:x x@example.com",
			"certificate a b x@example.com", "certificate  x@example.com", "certificate x ", "certificate",
			"certificate x x@example.com extra", "certificate x ../x@example.com", "certificate x x@example.com/..",
			"certificate x @example.com", "certificate x x@", "certificate x x@a..b", "certificate x x\u0000@a.b",
			"CERTIFICATE x x@example.com", "certificate\tx\tx@example.com", "" })
	void refusesLinesThatAreNoRequestOrNamesThatAreNotStrict(String line) {
		assertThat(CertificateRequest.parse(line)).isEmpty();
	}

	@Test
	void refusesNamesLongerThanTheLimits() {
		assertThat(CertificateRequest.parse("certificate " + "a".repeat(64) + " x@example.com")).isPresent();
		assertThat(CertificateRequest.parse("certificate " + "a".repeat(65) + " x@example.com")).isEmpty();
		assertThat(CertificateRequest.parse("certificate " + "a".repeat(200) + " x@example.com")).isEmpty();
		assertThat(CertificateRequest.parse("certificate x " + "a".repeat(117) + "@example.com")).isEmpty();
	}

	@Test
	void sayWhatIsWrongWithAName() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CertificateRequest("../x", "x@example.com"))
			.withMessageContaining("Common name '../x'");
		assertThatIllegalArgumentException().isThrownBy(() -> new CertificateRequest("x", "x"))
			.withMessageContaining("E-mail address 'x'");
	}

}
