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
			.isEqualTo(new CertificateRequest("alice.smith-1_a", "alice+tls@mail.example.com"));
	}

	@Test
	void writesTheLineItReads() {
		CertificateRequest request = new CertificateRequest("bob", "bob@localhost");
		assertThat(request.line()).isEqualTo("certificate bob bob@localhost");
		assertThat(CertificateRequest.parse(request.line())).isEqualTo(request);
	}

	@ParameterizedTest
	@ValueSource(strings = { "certificate ../x x@example.com", "certificate x/y x@example.com",
			"certificate .hidden x@example.com", "certificate .. x@example.com", "certificate -x x@example.com",
			"certificate --help x@example.com", "certificate C:x x@example.com",
			"certificate a b x@example.com", "certificate  x@example.com", "certificate x ", "certificate",
			"certificate x x@example.com extra", "certificate x ../x@example.com", "certificate x x@example.com/..",
			"certificate x @example.com", "certificate x x@", "certificate x x@a..b", "certificate x x\u0000@a.b",
			"CERTIFICATE x x@example.com", "certificate\tx\tx@example.com", "" })
	void refusesLinesThatAreNoRequestOrNamesThatAreNotStrict(String line) {
		assertThatIllegalArgumentException().isThrownBy(() -> CertificateRequest.parse(line));
	}

	@Test
	void refusesNamesLongerThanTheLimits() {
		assertThat(CertificateRequest.parse("certificate " + "a".repeat(64) + " x@example.com").commonName())
			.hasSize(64);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CertificateRequest.parse("certificate " + "a".repeat(65) + " x@example.com"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CertificateRequest.parse("certificate " + "a".repeat(200) + " x@example.com"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CertificateRequest.parse("certificate x " + "a".repeat(117) + "@example.com"));
	}

	@Test
	void sayWhatIsWrongWithAName() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CertificateRequest("../x", "x@example.com"))
			.withMessageContaining("Common name '../x'");
		assertThatIllegalArgumentException().isThrownBy(() -> new CertificateRequest("x", "x"))
			.withMessageContaining("E-mail address 'x'");
		assertThatIllegalArgumentException().isThrownBy(() -> CertificateRequest.parse("hello"))
			.withMessage("Not a request: send 'certificate <commonName> <email>'");
	}

	@Test
	void refusesACommonNameThatStartsWithADashAsAShellWouldReadIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CertificateRequest("-rf", "x@example.com"))
			.withMessage("Common name '-rf': use 1 to 64 letters, digits, '.', '-' or '_', not starting with '.' "
					+ "or '-'");
		assertThat(new CertificateRequest("x-", "x@example.com").commonName()).isEqualTo("x-");
	}

}
