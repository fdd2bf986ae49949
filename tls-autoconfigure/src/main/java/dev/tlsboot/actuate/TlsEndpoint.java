package dev.tlsboot.actuate;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.acme.TlsAcme;
import dev.tlsboot.autoconfigure.reload.TlsReloads;
import dev.tlsboot.core.CryptoImplementation;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.option.TlsProtocol;
import dev.tlsboot.core.option.TlsRole;
import dev.tlsboot.core.cipher.CipherSuite;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.core.observe.TrackedConnection;
import dev.tlsboot.core.observe.TrackedConnection.State;
import dev.tlsboot.core.observe.UnobservedConsumer;
import dev.tlsboot.core.status.ConnectionInfo;
import dev.tlsboot.core.status.TlsStatus;
import dev.tlsboot.netty.NettyTlsImplementation;

/**
 * The {@code tls} endpoint: TclTLS's {@code tls::version}, {@code tls::protocols}, {@code tls::ciphers},
 * {@code tls::status} and {@code tls::connection} for the application's contexts and connections.
 * <ul>
 * <li>{@code /actuator/tls}: the TLS implementations, the protocols they support, every context with its options
 * and certificates, and how many connections are in each state;</li>
 * <li>{@code /actuator/tls/connections?state=&context=&role=}: the connection registry, filtered;</li>
 * <li>{@code /actuator/tls/connections/{id}}: one connection's {@code status}, {@code localStatus} and
 * {@code connection};</li>
 * <li>{@code /actuator/tls/ciphers/{protocol}}: the suites of {@code TLSv1.2} or {@code TLSv1.3} (or
 * {@code tls1.2}, ...), supported and enabled.</li>
 * </ul>
 * No answer contains a secret: no private key, password, master secret, session ticket or raw session id.
 */
@Endpoint(id = "tls")
public class TlsEndpoint {

	private static final String CONNECTIONS = "connections";

	private static final String CIPHERS = "ciphers";

	/** The JDK's JVM-wide switch of server-side OCSP stapling, which {@code ocsp-stapling} sets. */
	private static final String JDK_SERVER_STAPLING = "jdk.tls.server.enableStatusRequestExtension";

	private final TlsContexts contexts;

	private final ConnectionRegistry registry;

	private final Duration warningThreshold;

	private final TlsReloads reloads;

	private final @Nullable TlsAcme acme;

	/** The JDK's own TLS, initialized on first use: it loads the JDK's trust store. */
	private final SingletonSupplier<SSLContext> jdk = SingletonSupplier.of(TlsEndpoint::jdkContext);

	private final SingletonSupplier<ProviderDescriptor> provider = SingletonSupplier.of(this::describeProvider);

	/**
	 * @param contexts the contexts to describe
	 * @param registry the registry their connections are kept in
	 * @param warningThreshold how long before expiry a certificate counts as expiring soon
	 * @param reloads what rotation did, or {@code null} when it is off
	 */
	public TlsEndpoint(TlsContexts contexts, ConnectionRegistry registry, Duration warningThreshold,
			@Nullable TlsReloads reloads) {
		this(contexts, registry, warningThreshold, reloads, null);
	}

	/**
	 * @param contexts the contexts to describe
	 * @param registry the registry their connections are kept in
	 * @param warningThreshold how long before expiry a certificate counts as expiring soon
	 * @param reloads what rotation did, or {@code null} when it is off
	 * @param acme the ACME-managed context, or {@code null} when ACME is not on the classpath
	 */
	public TlsEndpoint(TlsContexts contexts, ConnectionRegistry registry, Duration warningThreshold,
			@Nullable TlsReloads reloads, @Nullable TlsAcme acme) {
		this.contexts = contexts;
		this.registry = registry;
		this.warningThreshold = warningThreshold;
		this.reloads = reloads;
		this.acme = acme;
	}

	/** {@code /actuator/tls}: implementations, protocols, contexts and connection counts. */
	@ReadOperation
	public TlsDescriptor tls() {
		Instant now = Instant.now();
		Map<String, ContextDescriptor> contexts = new LinkedHashMap<>();
		Map<String, List<UnobservedConsumer>> unobserved = this.registry.unobservedConsumers();
		this.contexts.asMap()
			.forEach((name, context) -> contexts.put(name,
					ContextDescriptor.of(context, now, this.warningThreshold, reloadStatus(name),
							TlsAcme.statusOf(this.acme, name), unobserved.getOrDefault(name, List.of()))));
		List<String> protocols = Arrays.stream(this.jdk.obtain().getSupportedSSLParameters().getProtocols())
			.filter((protocol) -> TlsProtocol.fromJsseName(protocol) != null)
			.toList();
		return new TlsDescriptor(this.provider.obtain(), protocols, contexts, this.registry.countsByState(),
				Boolean.getBoolean(JDK_SERVER_STAPLING));
	}

	private TlsReloads.@Nullable Status reloadStatus(String context) {
		return (this.reloads != null) ? this.reloads.status(context).orElse(null) : null;
	}

	/**
	 * {@code /actuator/tls/connections}: the registry, filtered by the parameters that are set.
	 * @param segment {@code connections}
	 * @param state a state such as {@code OPEN} or {@code FAILED}
	 * @param context a context's name
	 * @param role {@code client} or {@code server}
	 * @return the connections, oldest first, or {@code null} (404) for another segment
	 */
	@ReadOperation
	public @Nullable ConnectionsDescriptor connections(@Selector String segment, @Nullable String state,
			@Nullable String context, @Nullable String role) {
		if (!CONNECTIONS.equals(segment)) {
			return null;
		}
		List<ConnectionDescriptor> connections = this.registry
			.connections(parse("state", state, State::valueOf), context, parse("role", role, TlsRole::valueOf))
			.stream()
			.map(ConnectionDescriptor::of)
			.toList();
		Map<String, List<UnobservedConsumer>> unobserved = new TreeMap<>(this.registry.unobservedConsumers());
		if (context != null) {
			unobserved.keySet().retainAll(Set.of(context));
		}
		return new ConnectionsDescriptor(this.registry.maxTracked(), connections,
				unobserved.isEmpty() ? null : unobserved);
	}

	/**
	 * {@code /actuator/tls/connections/{id}} and {@code /actuator/tls/ciphers/{protocol}}.
	 * @param segment {@code connections} or {@code ciphers}
	 * @param key a connection's id or a protocol's name
	 * @return the connection or the ciphers, or {@code null} (404) when there is no such thing
	 */
	@ReadOperation
	public @Nullable OperationResponseBody item(@Selector String segment, @Selector String key) {
		return switch (segment) {
			case CONNECTIONS -> connection(key);
			case CIPHERS -> ciphers(key);
			default -> null;
		};
	}

	private @Nullable ConnectionDetails connection(String id) {
		try {
			return this.registry.get(Long.parseLong(id)).map(ConnectionDetails::of).orElse(null);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private @Nullable CiphersDescriptor ciphers(String name) {
		TlsProtocol protocol = Arrays.stream(TlsProtocol.values())
			.filter((candidate) -> candidate.jsseName().equalsIgnoreCase(name) || candidate.option().optionName().equals(name))
			.findFirst()
			.orElse(null);
		if (protocol == null) {
			return null;
		}
		SSLContext jdk = this.jdk.obtain();
		Set<String> enabled = Set.of(jdk.getDefaultSSLParameters().getCipherSuites());
		List<CipherDescriptor> ciphers = Arrays.stream(jdk.getSupportedSSLParameters().getCipherSuites())
			.flatMap((suite) -> CipherSuite.named(suite).stream())
			.filter((suite) -> CipherDescriptor.appliesTo(suite, protocol))
			.map((suite) -> new CipherDescriptor(suite.openSslName(), suite.jsseName(), suite.id(),
					suite.description(), enabled.contains(suite.jsseName()), enabling(suite, protocol)))
			.toList();
		return new CiphersDescriptor(protocol.jsseName(), ciphers);
	}

	private List<String> enabling(CipherSuite suite, TlsProtocol protocol) {
		return this.contexts.asMap()
			.values()
			.stream()
			.filter((context) -> context.protocols().contains(protocol.jsseName())
					&& context.cipherSuites().contains(suite.jsseName()))
			.map(TlsContext::name)
			.toList();
	}

	private ProviderDescriptor describeProvider() {
		Provider jsse = this.jdk.obtain().getProvider();
		ClassLoader classLoader = getClass().getClassLoader();
		boolean tcnative = ClassUtils.isPresent("io.netty.handler.ssl.OpenSsl", classLoader)
				&& ClassUtils.isPresent("io.netty.internal.tcnative.SSL", classLoader);
		return new ProviderDescriptor(jsse.getName(), jsse.getVersionStr(), tcnative ? OpenSsl.version() : null,
				CryptoImplementation.describe(CryptoImplementation.first()));
	}

	private static <T> @Nullable T parse(String name, @Nullable String value, Function<String, T> parser) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return parser.apply(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException("No " + name + " '" + value + "'", "Invalid " + name);
		}
	}

	private static SSLContext jdkContext() {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, null, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK's TLS provider is not usable", ex);
		}
	}

	/** Netty's OpenSSL, kept apart so that nothing of Netty is loaded when it is absent. */
	private static final class OpenSsl {

		static @Nullable String version() {
			return (NettyTlsImplementation.AUTO.resolve() == NettyTlsImplementation.OPENSSL)
					? NettyTlsImplementation.OPENSSL.version() : null;
		}

	}

	/**
	 * The TLS implementations, like {@code tls::version}.
	 * @param name the JSSE provider's name, e.g. {@code SunJSSE}
	 * @param version its version, e.g. {@code 17}
	 * @param openssl the OpenSSL (BoringSSL) that Netty channels can use, when netty-tcnative loads, else
	 * {@code null}
	 * @param cryptoProvider the first JCA provider, which does the JDK TLS's signatures, key agreement and ciphers
	 * ({@code tls.crypto-provider}), e.g. {@code AmazonCorrettoCryptoProvider 2.5.0 (AWS-LC v1.47.0)} or {@code SUN 17}
	 */
	public record ProviderDescriptor(String name, String version, @Nullable String openssl, String cryptoProvider) {
	}

	/**
	 * The answer of {@code /actuator/tls}.
	 * @param provider the TLS implementations
	 * @param protocols the protocols the JDK supports, like {@code tls::protocols}
	 * @param contexts every context by name, the default first
	 * @param connections how many connections the registry keeps in each state
	 * @param jdkServerStapling whether the JDK's TLS staples OCSP responses for every server SSLContext made in this
	 * JVM ({@code jdk.tls.server.enableStatusRequestExtension}, which {@code ocsp-stapling} sets on the JDK's TLS)
	 */
	public record TlsDescriptor(ProviderDescriptor provider, List<String> protocols,
			Map<String, ContextDescriptor> contexts, Map<State, Long> connections,
			boolean jdkServerStapling) implements OperationResponseBody {
	}

	/**
	 * The answer of {@code /actuator/tls/connections}.
	 * @param maxTracked how many closed or failed connections the registry keeps
	 * @param connections the connections, oldest first
	 * @param unobserved by context, the libraries whose connections on it TLS Boot cannot observe, so are not listed,
	 * and why; {@code null} when there are none
	 */
	public record ConnectionsDescriptor(int maxTracked, List<ConnectionDescriptor> connections,
			@Nullable Map<String, List<UnobservedConsumer>> unobserved) implements OperationResponseBody {
	}

	/**
	 * The answer of {@code /actuator/tls/connections/{id}}.
	 * @param entry the registry entry
	 * @param status the peer's {@code tls::status}, once the handshake completed
	 * @param localStatus this side's {@code tls::status -local}, once the handshake completed
	 * @param connection the {@code tls::connection}, once the handshake completed
	 * @param notes the notes of validators that accepted with a note
	 */
	public record ConnectionDetails(ConnectionDescriptor entry, @Nullable TlsStatus status,
			@Nullable TlsStatus localStatus, @Nullable ConnectionInfo connection, List<String> notes)
			implements OperationResponseBody {

		static ConnectionDetails of(TrackedConnection connection) {
			return new ConnectionDetails(ConnectionDescriptor.of(connection), connection.status().orElse(null),
					connection.localStatus().orElse(null), connection.connection().orElse(null), connection.notes());
		}

	}

	/**
	 * The answer of {@code /actuator/tls/ciphers/{protocol}}, like {@code tls::ciphers}.
	 * @param protocol the protocol, JSSE name
	 * @param ciphers the suites the JDK supports for it, in the JDK's order
	 */
	public record CiphersDescriptor(String protocol, List<CipherDescriptor> ciphers) implements OperationResponseBody {
	}

}
