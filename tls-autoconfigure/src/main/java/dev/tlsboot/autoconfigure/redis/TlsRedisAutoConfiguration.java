package dev.tlsboot.autoconfigure.redis;

import io.lettuce.core.resource.ClientResources;
import io.netty.handler.ssl.SslHandler;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.core.TlsContext;

/**
 * Redis through Lettuce on a TLS Boot context: when {@code spring.data.redis.ssl.bundle} is a context's bundle
 * ({@code tls-<name>}), every Lettuce channel gets TLS Boot's handler for that context (see {@link LettuceTls}), so
 * its connections are in {@code /actuator/tls/connections} as consumer {@code redis}, a wrong host is refused with
 * TLS Boot's explanation, and a reloaded certificate reaches the next connection as it would anyway.
 * <p>
 * It sets the {@code NettyCustomizer} of Lettuce's {@code ClientResources}, first of the
 * {@link ClientResourcesBuilderCustomizer}s: a customizer of the application's that sets its own replaces it. The
 * bundle is read as the application starts, not by a condition, which AOT would fix at build time.
 */
@AutoConfiguration(after = TlsAutoConfiguration.class,
		beforeName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ ClientResources.class, ClientResourcesBuilderCustomizer.class, SslHandler.class })
@ConditionalOnBean(TlsContexts.class)
public final class TlsRedisAutoConfiguration {

	static final String BUNDLE_PROPERTY = "spring.data.redis.ssl.bundle";

	TlsRedisAutoConfiguration() {
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	ClientResourcesBuilderCustomizer tlsRedisClientResourcesCustomizer(TlsContexts contexts, Environment environment) {
		TlsContext context = contexts.forBundle(environment.getProperty(BUNDLE_PROPERTY, ""));
		return (builder) -> {
			// Another bundle is Spring Boot's own: Lettuce keeps its handler
			if (context != null) {
				builder.nettyCustomizer(new LettuceTls(context));
			}
		};
	}

}
