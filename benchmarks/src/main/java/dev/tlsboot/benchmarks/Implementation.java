package dev.tlsboot.benchmarks;

import java.util.Arrays;
import java.util.List;

import dev.tlsboot.benchmarks.Case.Contender;
import dev.tlsboot.netty.NettyTlsImplementation;

/**
 * The TLS implementations compared, each set up for a {@link Setup} from the same key and trust material. The letters
 * are the issue's; (a) is the baseline every ratio is taken against.
 * <p>
 * An implementation that makes sockets makes {@link Endpoints}; Netty's providers, (d) and (e), make engines for
 * channels, and run on a {@link NettyLoopback}. Either joins every handshake and bulk case as one more constant here;
 * each driver says how it measures the one and the other.
 */
enum Implementation {

	/** (a) The JDK's own SSLContext, set up by hand as a careful application would. */
	RAW_JDK("a", "raw JDK", RawJdk::endpoints),

	/** (b) TLS Boot's TlsContext and its socket factories. */
	TLS_BOOT("b", "TLS Boot", TlsBoot.variant(TlsBoot.Variant.OBSERVED)),

	/** (c) TLS Boot with observation off: {@code ConnectionRegistry.disabled()}, the JDK's own sockets. */
	TLS_BOOT_UNOBSERVED("c", "TLS Boot, observation off", TlsBoot.variant(TlsBoot.Variant.UNOBSERVED)),

	/** (d) Netty with the JDK provider, through TLS Boot's {@code NettySslContext}, on (b)'s contexts. */
	NETTY_JDK("d", "Netty, JDK", NettyTlsImplementation.JDK, TlsBoot.Variant.OBSERVED),

	/**
	 * (e) Netty with the OpenSSL provider (BoringSSL, netty-tcnative), through TLS Boot, on contexts like (b)'s with
	 * {@code provider: openssl}, default groups (X25519MLKEM768 first).
	 */
	NETTY_OPENSSL("e", "Netty, OpenSSL", NettyTlsImplementation.OPENSSL, TlsBoot.Variant.OPENSSL),

	/** (e) with X25519 only on both ends: the cost of the post-quantum default on Netty. */
	NETTY_OPENSSL_X25519("e-x25519", "Netty, OpenSSL, X25519", NettyTlsImplementation.OPENSSL,
			TlsBoot.Variant.OPENSSL_X25519),

	/** (f) TLS Boot on Conscrypt, both ends, with TLS Boot's default groups (X25519MLKEM768 first). */
	TLS_BOOT_CONSCRYPT("f", "TLS Boot on Conscrypt", TlsBoot.variant(TlsBoot.Variant.CONSCRYPT)),

	/** (f) on Conscrypt with X25519 only: the cost of the post-quantum default, side by side. */
	TLS_BOOT_CONSCRYPT_X25519("f-x25519", "TLS Boot on Conscrypt, X25519",
			TlsBoot.variant(TlsBoot.Variant.CONSCRYPT_X25519)),

	/** (f) on Conscrypt with P-256 only, the group the JDK's clients share first with it. */
	TLS_BOOT_CONSCRYPT_P256("f-p256", "TLS Boot on Conscrypt, P-256", TlsBoot.variant(TlsBoot.Variant.CONSCRYPT_P256)),

	/**
	 * (g) TLS Boot on the JDK's TLS with ACCP installed as the first JCA provider ({@code tls.crypto-provider: accp}):
	 * (b)'s loop in a JVM of its own ({@link ForkedTrial}), since ACCP changes the crypto of the whole JVM.
	 */
	TLS_BOOT_ACCP("g", "TLS Boot on the JDK with ACCP", "b", "-D" + ForkedTrial.CRYPTO_PROVIDER_PROPERTY + "=accp");

	private final String key;

	private final String name;

	private final EndpointsFactory factory;

	private final NettyTlsImplementation netty;

	private final TlsBoot.Variant nettyVariant;

	/** For a forked implementation: the contender its child JVM runs, and the child's own JVM flags. */
	private final String forkedKey;

	private final List<String> forkedFlags;

	Implementation(String key, String name, EndpointsFactory factory) {
		this(key, name, factory, null, null, null, List.of());
	}

	Implementation(String key, String name, NettyTlsImplementation netty, TlsBoot.Variant variant) {
		this(key, name, null, netty, variant, null, List.of());
	}

	/** A contender in a JVM of its own: {@code forkedKey}'s trial, in a child JVM with {@code flags}. */
	Implementation(String key, String name, String forkedKey, String... flags) {
		this(key, name, null, null, null, forkedKey, List.of(flags));
	}

	private Implementation(String key, String name, EndpointsFactory factory, NettyTlsImplementation netty,
			TlsBoot.Variant nettyVariant, String forkedKey, List<String> forkedFlags) {
		this.key = key;
		this.name = name;
		this.factory = factory;
		this.netty = netty;
		this.nettyVariant = nettyVariant;
		this.forkedKey = forkedKey;
		this.forkedFlags = forkedFlags;
	}

	/** Whether this contender runs in a child JVM of its own ({@link ForkedTrial}). */
	boolean forked() {
		return this.forkedKey != null;
	}

	/** The letter {@code bench.implementations} selects. */
	String key() {
		return this.key;
	}

	/** The name in the report, e.g. {@code (a) raw JDK}. */
	String label() {
		return "(" + this.key + ") " + this.name;
	}

	/**
	 * A contender per implementation, each measured by the trial that suits it.
	 * @param caseId the case's {@link Case#id()}, which a forked contender's child JVM runs
	 * @param setup what both ends are configured with
	 * @param sockets opens a trial on a socket implementation's endpoints
	 * @param netty opens a trial on a Netty provider's contexts
	 * @return the contenders, (a) first
	 */
	static List<Contender> contenders(String caseId, Setup setup, EndpointsTrial sockets, NettyTrial netty) {
		return Arrays.stream(values())
			.map((implementation) -> Contender.of(implementation,
					() -> implementation.open(caseId, setup, sockets, netty)))
			.toList();
	}

	private Trial open(String caseId, Setup setup, EndpointsTrial sockets, NettyTrial netty) throws Exception {
		if (forked()) {
			return new ForkedTrial(caseId, this.forkedKey, this.forkedFlags);
		}
		return (this.netty != null) ? netty.open(NettyLoopback.of(setup, this.netty, this.nettyVariant))
				: sockets.open(this.factory.endpoints(setup));
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

	/** Opens a trial on a Netty provider's contexts. */
	@FunctionalInterface
	interface NettyTrial {

		Trial open(NettyLoopback netty) throws Exception;

	}

}
