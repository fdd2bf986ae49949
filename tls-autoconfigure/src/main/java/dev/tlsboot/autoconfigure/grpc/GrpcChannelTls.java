package dev.tlsboot.autoconfigure.grpc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.grpc.ChannelCredentials;
import io.grpc.netty.NettySslContextChannelCredentials;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.grpc.client.autoconfigure.GrpcClientProperties;
import org.springframework.grpc.client.ChannelCredentialsProvider;
import org.springframework.util.function.SingletonSupplier;

import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.client.ClientTls;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.observe.TlsConsumers;
import dev.tlsboot.netty.NettySslContext;

/**
 * The credentials of each gRPC channel, by its name as Spring gRPC asks: a channel on a context's bundle
 * ({@code ssl.bundle=tls-<name>}) gets that context's Netty client context; a channel with TLS on and no bundle gets
 * the HTTP clients' TLS ({@code tls.client.*}: the client context, routes by the target's host), where Spring Boot
 * would take the JDK's default trust. Either offers ALPN {@code h2} and names its connections {@code grpc-client};
 * the host name is checked as the context's {@code require} says. Every other channel (plaintext, Spring Boot's own
 * bundles, {@code bypass-certificate-validation}) gets what Spring Boot's provider gives it.
 */
final class GrpcChannelTls implements ChannelCredentialsProvider {

	private static final List<String> H2 = List.of("h2");

	private static final String DEFAULT_CHANNEL = "default";

	private final GrpcClientProperties properties;

	private final TlsContexts contexts;

	private final ChannelCredentialsProvider springBoot;

	/** The clients' TLS, made when a channel without a bundle first asks. */
	private final SingletonSupplier<ChannelCredentials> clientTls;

	/** One Netty context, and so one session cache, per TLS context: channels on the same bundle share it. */
	private final Map<TlsContext, ChannelCredentials> byContext = new ConcurrentHashMap<>();

	/**
	 * @param properties {@code spring.grpc.client.*}
	 * @param contexts the application's contexts
	 * @param clientTls {@code tls.client.*}
	 * @param springBoot the provider Spring Boot gave the channel factory
	 */
	GrpcChannelTls(GrpcClientProperties properties, TlsContexts contexts, Supplier<ClientTls> clientTls,
			ChannelCredentialsProvider springBoot) {
		this.properties = properties;
		this.contexts = contexts;
		this.springBoot = springBoot;
		this.clientTls = SingletonSupplier.of(() -> {
			ClientTls tls = clientTls.get();
			return credentials(tls.routes(), tls.context());
		});
		// Made now, so that a context a channel cannot run on stops the application at startup
		properties.getChannel().keySet().forEach(this::tlsBoot);
	}

	@Override
	public ChannelCredentials getChannelCredentials(String name) {
		@Nullable ChannelCredentials tlsBoot = tlsBoot(name);
		return (tlsBoot != null) ? tlsBoot : this.springBoot.getChannelCredentials(name);
	}

	/** The credentials of channel {@code name} on TLS Boot, or {@code null} when Spring Boot's stay. */
	private @Nullable ChannelCredentials tlsBoot(String name) {
		GrpcClientProperties.@Nullable Channel channel = channel(name);
		if (channel == null || channel.isBypassCertificateValidation()) {
			return null;
		}
		GrpcClientProperties.Channel.Ssl ssl = channel.getSsl();
		String bundle = ssl.getBundle();
		if (Boolean.FALSE.equals(ssl.getEnabled()) || (bundle == null && ssl.getEnabled() == null)) {
			return null;
		}
		if (bundle == null) {
			return this.clientTls.obtain();
		}
		TlsContext context = this.contexts.forBundle(bundle);
		return (context != null) ? this.byContext.computeIfAbsent(context, (key) -> credentials(Map.of(), key)) : null;
	}

	/** The channel's properties, found as Spring Boot finds them: by name, else the {@code default} channel's. */
	private GrpcClientProperties.@Nullable Channel channel(String name) {
		GrpcClientProperties.Channel channel = this.properties.getChannel().get(name);
		return (channel != null) ? channel : this.properties.getChannel().get(DEFAULT_CHANNEL);
	}

	private static ChannelCredentials credentials(Map<String, TlsContext> routes, TlsContext fallback) {
		SslContext sslContext = NettySslContext.forClient(routes, fallback, H2, TlsConsumers.GRPC_CLIENT);
		// OpenSSL keeps its own session cache, which the client context's reloads must empty too
		fallback.forgetSessionsOnReload(sslContext.sessionContext());
		return NettySslContextChannelCredentials.create(sslContext);
	}

}
