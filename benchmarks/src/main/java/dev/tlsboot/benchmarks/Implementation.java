package dev.tlsboot.benchmarks;

import java.util.Arrays;
import java.util.List;

import dev.tlsboot.benchmarks.Case.Contender;

/**
 * The TLS implementations compared, each making the {@link Endpoints} of a {@link Setup} from the same key and trust
 * material. The letters are the issue's; (a) is the baseline every ratio is taken against.
 * <p>
 * An implementation that makes sockets is one more constant here and joins every handshake and bulk case. Netty's providers, (d) and (e), make engines
 * for channels, not sockets: they join a case as a {@link Contender} whose {@link Trial} drives a Netty client and
 * server, added in the driver's {@code cases}.
 */
enum Implementation {

	/** (a) The JDK's own SSLContext, set up by hand as a careful application would. */
	RAW_JDK("a", "raw JDK", RawJdk::endpoints),

	/** (b) TLS Boot's TlsContext and its socket factories. */
	TLS_BOOT("b", "TLS Boot", TlsBoot.variant(TlsBoot.Variant.OBSERVED)),

	/** (c) TLS Boot with observation off: {@code ConnectionRegistry.disabled()}, the JDK's own sockets. */
	TLS_BOOT_UNOBSERVED("c", "TLS Boot, observation off", TlsBoot.variant(TlsBoot.Variant.UNOBSERVED)),

	/** (f) TLS Boot on Conscrypt, both ends, with TLS Boot's default groups (X25519MLKEM768 first). */
	TLS_BOOT_CONSCRYPT("f", "TLS Boot on Conscrypt", TlsBoot.variant(TlsBoot.Variant.CONSCRYPT)),

	/** (f) on Conscrypt with X25519 only: the cost of the post-quantum default, side by side. */
	TLS_BOOT_CONSCRYPT_X25519("f-x25519", "TLS Boot on Conscrypt, X25519",
			TlsBoot.variant(TlsBoot.Variant.CONSCRYPT_X25519)),

	/** (f) on Conscrypt with P-256 only, the group the JDK's clients share first with it. */
	TLS_BOOT_CONSCRYPT_P256("f-p256", "TLS Boot on Conscrypt, P-256", TlsBoot.variant(TlsBoot.Variant.CONSCRYPT_P256));

	private final String key;

	private final String name;

	private final EndpointsFactory factory;

	Implementation(String key, String name, EndpointsFactory factory) {
		this.key = key;
		this.name = name;
		this.factory = factory;
	}

	/** The letter {@code bench.implementations} selects. */
	String key() {
		return this.key;
	}

	/** The name in the report, e.g. {@code (a) raw JDK}. */
	String label() {
		return "(" + this.key + ") " + this.name;
	}

	/** This implementation's ends of loopback connections for {@code setup}. */
	Endpoints endpoints(Setup setup) throws Exception {
		return this.factory.endpoints(setup);
	}

	/**
	 * A contender per implementation, each measured by the trial {@code trial} opens on its endpoints.
	 * @param setup what both ends are configured with
	 * @param trial opens a trial on one implementation's endpoints
	 * @return the contenders, (a) first
	 */
	static List<Contender> contenders(Setup setup, EndpointsTrial trial) {
		return Arrays.stream(values())
			.map((implementation) -> Contender.of(implementation,
					() -> trial.open(implementation.endpoints(setup))))
			.toList();
	}

	/** Makes an implementation's endpoints for a setup. */
	@FunctionalInterface
	interface EndpointsFactory {

		Endpoints endpoints(Setup setup) throws Exception;

	}

	/** Opens a trial on given endpoints. */
	@FunctionalInterface
	interface EndpointsTrial {

		Trial open(Endpoints endpoints) throws Exception;

	}

}
