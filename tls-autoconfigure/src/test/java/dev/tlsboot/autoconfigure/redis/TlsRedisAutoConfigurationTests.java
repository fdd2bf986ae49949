package dev.tlsboot.autoconfigure.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.NettyCustomizer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Lettuce clients TLS Boot secures: those on a {@code tls-<name>} bundle, decided as the application starts. */
class TlsRedisAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsRedisAutoConfiguration.class));

	@Test
	void aTlsBootBundleGetsTlsBootsHandler() {
		this.runner.withPropertyValues("spring.data.redis.ssl.bundle=tls-default")
			.run((context) -> assertThat(nettyCustomizer(context.getBean(ClientResourcesBuilderCustomizer.class)))
				.isInstanceOf(LettuceTls.class));
	}

	@Test
	void anotherBundleOrNoneKeepsLettucesOwn() {
		this.runner.withPropertyValues("spring.data.redis.ssl.bundle=mine")
			.run((context) -> assertThat(nettyCustomizer(context.getBean(ClientResourcesBuilderCustomizer.class)))
				.isNotInstanceOf(LettuceTls.class));
		this.runner.run((context) -> assertThat(nettyCustomizer(context.getBean(ClientResourcesBuilderCustomizer.class)))
			.isNotInstanceOf(LettuceTls.class));
	}

	private static NettyCustomizer nettyCustomizer(ClientResourcesBuilderCustomizer customizer) {
		ClientResources.Builder builder = ClientResources.builder();
		customizer.customize(builder);
		ClientResources resources = builder.build();
		try {
			return resources.nettyCustomizer();
		}
		finally {
			resources.shutdown();
		}
	}

}
