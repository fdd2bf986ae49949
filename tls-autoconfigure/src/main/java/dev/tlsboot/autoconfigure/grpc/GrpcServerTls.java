package dev.tlsboot.autoconfigure.grpc;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.TlsServerCredentials.ClientAuth;
import io.grpc.netty.NettyServerBuilder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.grpc.server.autoconfigure.GrpcServerProperties;
import org.springframework.grpc.server.ServerBuilderCustomizer;

import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.observe.ConnectionObserver;
import dev.tlsboot.core.observe.TlsConsumers;
import dev.tlsboot.netty.NettySslContext;
import dev.tlsboot.netty.NettyTlsImplementation;

/**
 * Serves gRPC with TLS Boot's Netty context when {@code spring.grpc.server.ssl.bundle} is a context's bundle: the
 * context with {@code spring.grpc.server.ssl.client-auth} as its {@code request}/{@code require} and ALPN {@code h2},
 * on the implementation its {@code provider} asks for, its connections named {@code grpc-server}; and, unless
 * {@code spring.grpc.server.keepalive.connection.max-age} is set, a maximum connection age of
 * {@value #DEFAULT_MAX_CONNECTION_AGE_MINUTES} minutes, so that clients reconnect and meet a rotated certificate (and
 * the server's new trust) within that time.
 * <p>
 * Spring gRPC makes the server builder from credentials (key and trust managers) and grpc-netty then refuses any
 * other security ({@code Cannot change security when using ServerCredentials}); no hook of Spring Boot 4.1 replaces
 * those credentials (spring-boot#49833). So this customizer lifts grpc-netty's guard on the one builder it is given,
 * reflectively, and sets the context through the builder's public {@code sslContext}. Where the guard cannot be lifted
 * it warns and leaves gRPC's own TLS, which still takes the bundle's live managers.
 */
final class GrpcServerTls implements ServerBuilderCustomizer<NettyServerBuilder> {

	static final long DEFAULT_MAX_CONNECTION_AGE_MINUTES = 60;

	/** What bounds how long a connection keeps the certificates it was opened with, when the user set nothing. */
	static final Duration DEFAULT_MAX_CONNECTION_AGE = Duration.ofMinutes(DEFAULT_MAX_CONNECTION_AGE_MINUTES);

	private static final List<String> H2 = List.of("h2");

	private static final Log logger = LogFactory.getLog(GrpcServerTls.class);

	private static final @Nullable Field SECURITY_FROZEN = securityFrozen();

	/** Spring Boot's own TLS stays: the bundle is not TLS Boot's, or there is none. */
	static final GrpcServerTls NONE = new GrpcServerTls(null, null, null);

	private final @Nullable NettySslContext sslContext;

	private final @Nullable Duration maxConnectionAge;

	/** Where the server's connections are observed; {@code null} when they are not (OpenSSL, no registry). */
	private final @Nullable ConnectionObserver observer;

	private GrpcServerTls(@Nullable NettySslContext sslContext, @Nullable Duration maxConnectionAge,
			@Nullable ConnectionObserver observer) {
		this.sslContext = sslContext;
		this.maxConnectionAge = maxConnectionAge;
		this.observer = observer;
	}

	/**
	 * The server's TLS, built now so that a context that cannot serve stops the application at startup.
	 * @param contexts the application's contexts
	 * @param properties {@code spring.grpc.server.*}
	 * @return the customizer
	 */
	static GrpcServerTls of(TlsContexts contexts, GrpcServerProperties properties) {
		GrpcServerProperties.Ssl ssl = properties.getSsl();
		// As Spring Boot: a bundle turns TLS on unless 'enabled' is false; 'secure: false' trusts every client
		TlsContext context = (ssl.getBundle() != null && !Boolean.FALSE.equals(ssl.getEnabled()) && ssl.isSecure())
				? contexts.forBundle(ssl.getBundle()) : null;
		if (context == null) {
			return NONE;
		}
		TlsContext server = context.toBuilder(serverOptions(context.options(), ssl.getClientAuth())).build();
		NettySslContext sslContext = NettySslContext
			.forServer(server, NettyTlsImplementation.of(server.options().provider()))
			.consumer(TlsConsumers.GRPC_SERVER);
		Duration maxAge = properties.getKeepalive().getConnection().getMaxAge();
		ConnectionObserver observer = (sslContext.provider() == NettyTlsImplementation.JDK)
				? ConnectionObserver.of(server.sslContext()).orElse(null) : null;
		return new GrpcServerTls(sslContext, (maxAge != null) ? null : DEFAULT_MAX_CONNECTION_AGE, observer);
	}

	private static TlsOptions serverOptions(TlsOptions options, ClientAuth clientAuth) {
		return options.toBuilder()
			.server(true)
			.alpn(H2)
			.request(clientAuth != ClientAuth.NONE)
			.require(clientAuth == ClientAuth.REQUIRE)
			.build();
	}

	@Override
	public void customize(NettyServerBuilder builder) {
		if (this.sslContext == null) {
			return;
		}
		if (!liftSecurityGuard(builder)) {
			logger.warn("The gRPC server keeps grpc-netty's own TLS on the managers of bundle 'tls-"
					+ this.sslContext.tlsContext().name() + "': this grpc-netty refuses another SslContext, so its "
					+ "connections are not in TLS Boot's registry");
			return;
		}
		builder.sslContext(this.sslContext);
		// grpc-netty makes its own SslHandler around each engine
		this.sslContext.declareEnginesOnly();
		if (this.observer != null) {
			builder.addTransportFilter(new GrpcConnectionLocator(this.observer));
		}
		if (this.maxConnectionAge != null) {
			builder.maxConnectionAge(this.maxConnectionAge.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	/** The Netty context the server serves, or {@code null} when Spring Boot's own TLS stays. */
	@Nullable NettySslContext sslContext() {
		return this.sslContext;
	}

	/** The maximum connection age set, or {@code null} when the user's (or gRPC's unlimited default) stays. */
	@Nullable Duration maxConnectionAge() {
		return this.maxConnectionAge;
	}

	private static boolean liftSecurityGuard(NettyServerBuilder builder) {
		if (SECURITY_FROZEN == null) {
			return false;
		}
		try {
			SECURITY_FROZEN.setBoolean(builder, false);
			return true;
		}
		catch (IllegalAccessException ex) {
			return false;
		}
	}

	private static @Nullable Field securityFrozen() {
		try {
			Field field = NettyServerBuilder.class.getDeclaredField("freezeProtocolNegotiatorFactory");
			field.setAccessible(true);
			return (field.getType() == boolean.class) ? field : null;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	@Override
	public String toString() {
		return "GrpcServerTls [" + ((this.sslContext != null) ? this.sslContext : "Spring Boot's own") + "]";
	}

}
