package dev.tlsboot.autoconfigure.grpc;

import io.grpc.netty.NettyServerBuilder;
import io.netty.handler.ssl.SslContext;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.grpc.server.ServerBuilderCustomizer;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;

/**
 * The gRPC server (Spring Boot's {@code spring-boot-grpc-server} on grpc-netty) on a TLS Boot context: when
 * {@code spring.grpc.server.ssl.bundle} is a context's bundle ({@code tls-<name>}), the server serves TLS Boot's Netty
 * context (see {@link GrpcServerTls}), so its connections are in {@code /actuator/tls/connections} as consumer
 * {@code grpc-server}, client certificates are judged by the context, and connections are closed after a maximum age
 * so that clients meet rotated certificates. The bundle is read as the application starts, not by a condition, which
 * AOT would fix at build time. grpc-netty-shaded's server is left as Spring Boot configures it.
 */
@AutoConfiguration(after = TlsAutoConfiguration.class,
		beforeName = "org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration")
@ConditionalOnClass({ NettyServerBuilder.class, ServerBuilderCustomizer.class, GrpcServerProperties.class,
		SslContext.class })
@ConditionalOnBean(TlsContexts.class)
public final class TlsGrpcServerAutoConfiguration {

	TlsGrpcServerAutoConfiguration() {
	}

	@Bean
	GrpcServerTls tlsGrpcServerBuilderCustomizer(TlsContexts contexts, Environment environment) {
		return GrpcServerTls.of(contexts,
				Binder.get(environment).bindOrCreate("spring.grpc.server", GrpcServerProperties.class));
	}

}
