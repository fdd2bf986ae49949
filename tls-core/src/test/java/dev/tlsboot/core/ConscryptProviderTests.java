package dev.tlsboot.core;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The core handshake tests again, with every context (client and server) on Conscrypt: options, host name checks,
 * SNI, ALPN, security level, verify results, client certificates, resumption, STARTTLS and reload must behave as
 * they do on the JDK. Skipped, saying why, where Conscrypt does not load.
 */
class ConscryptProviderTests {

	@BeforeEach
	void conscryptLoads() {
		assumeTrue(TlsImplementation.CONSCRYPT.isAvailable(),
				() -> "Conscrypt cannot be used here: " + TlsImplementation.conscryptUnavailability());
	}

	@Nested
	class Handshakes extends TlsContextHandshakeTests {

		@Override
		TlsImplementation provider() {
			return TlsImplementation.CONSCRYPT;
		}

		@Override
		@Test
		@Disabled("Conscrypt sends a host name as SNI whenever it has one: 'autoservername' off cannot stop it")
		void autoservernameOffSendsNoSni() {
		}

	}

	@Nested
	class StartTls extends StartTlsTests {

		@Override
		TlsImplementation provider() {
			return TlsImplementation.CONSCRYPT;
		}

		@Override
		@Test
		@Disabled("Conscrypt's close does not wait for the peer's close_notify, which then arrives as plaintext: "
				+ "stopTls back to plaintext (tls::unimport) needs the JDK provider")
		void upgradesAPlainConnectionAndReturnsToPlaintext() {
		}

	}

	@Nested
	class ServerNames extends ServerNameIndicationTests {

		@Override
		TlsImplementation provider() {
			return TlsImplementation.CONSCRYPT;
		}

	}

	@Nested
	class Reload extends TlsContextReloadTests {

		@Override
		TlsImplementation provider() {
			return TlsImplementation.CONSCRYPT;
		}

	}

}
