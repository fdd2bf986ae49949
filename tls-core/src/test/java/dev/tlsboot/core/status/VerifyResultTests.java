package dev.tlsboot.core.status;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link VerifyResult}.
 */
class VerifyResultTests {

	@Test
	void storesAndFindsTheResultBesideTheSession() throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, null, null);
		SSLSession session = context.createSSLEngine().getSession();
		assertThat(VerifyResult.of(session)).isNull();
		VerifyResult.store(session, VerifyResult.failed("certificate expired"));
		assertThat(VerifyResult.of(session)).isEqualTo(new VerifyResult(false, "certificate expired"));
		// Nothing is bound in the session: a bound value stops the JDK from issuing stateless TLS 1.2 tickets.
		assertThat(session.getValueNames()).isEmpty();
	}

	@Test
	void failureAlwaysHasAReason() {
		assertThat(VerifyResult.failed(null).error()).isNotBlank();
		assertThat(VerifyResult.OK.error()).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> new VerifyResult(true, "but why"));
	}

	@Test
	void nothingHappensWithoutASession() {
		VerifyResult.store(null, VerifyResult.OK);
		assertThat(VerifyResult.of(null)).isNull();
	}

}
