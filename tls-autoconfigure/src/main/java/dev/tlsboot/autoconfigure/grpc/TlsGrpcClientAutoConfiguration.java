package dev.tlsboot.autoconfigure.grpc;

import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.grpc.client.autoconfigure.GrpcChannelFactoryCustomizer;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.grpc.client.ChannelCredentialsProvider;
import org.springframework.grpc.client.NettyGrpcChannelFactory;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.TlsProperties;
import dev.tlsboot.autoconfigure.client.ClientTls;
import dev.tlsboot.autoconfigure.client.TlsHttpClientAutoConfiguration;

/**
 * gRPC client channels (Spring Boot's {@code spring-boot-grpc-client} on grpc-netty) on TLS Boot contexts: the
 * Netty channel factory's credentials provider is wrapped by {@link GrpcChannelTls}, so that a channel on
 * {@code ssl.bundle=tls-<name>} runs on that context's Netty client context and one with TLS and no bundle on
 * {@code tls.client.*}, their connections in {@code /actuator/tls/connections} as consumer {@code grpc-client}. The
 * channels' properties are read as the application starts, not by conditions, which AOT would fix at build time.
 * grpc-netty-shaded's channel factory is left as Spring Boot configures it.
 */
@AutoConfiguration(after = { TlsAutoConfiguration.class, TlsHttpClientAutoConfiguration.class },
		beforeName = "org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration")
@ConditionalOnClass({ NettyChannelBuilder.class, NettyGrpcChannelFactory.class, GrpcChannelFactoryCustomizer.class,
		SslContext.class })
@ConditionalOnBean(TlsContexts.class)
public final class TlsGrpcClientAutoConfiguration {

	TlsGrpcClientAutoConfiguration() {
	}

	@Bean
	GrpcChannelFactoryCustomizer tlsGrpcChannelFactoryCustomizer(TlsContexts contexts, TlsProperties properties,
			ObjectProvider<ClientTls> clientTls, ObjectProvider<ChannelCredentialsProvider> springBoot,
			Environment environment) {
		GrpcClientProperties channels = Binder.get(environment)
			.bindOrCreate("spring.grpc.client", GrpcClientProperties.class);
		return (factory) -> {
			// Spring Boot hands the Netty factory its provider before the customizers run
			if (factory instanceof NettyGrpcChannelFactory netty) {
				netty.setCredentialsProvider(new GrpcChannelTls(channels, contexts,
						() -> clientTls.getIfAvailable(() -> ClientTls.of(contexts, properties.getClient())),
						springBoot.getIfAvailable(() -> ChannelCredentialsProvider.INSECURE)));
			}
		};
	}

}
