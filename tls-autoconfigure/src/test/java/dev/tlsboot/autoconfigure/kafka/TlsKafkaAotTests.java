package dev.tlsboot.autoconfigure.kafka;

import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.util.function.ThrowingConsumer;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsSslBundleAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka's clients in an application processed ahead of time, as {@code spring-boot:process-aot} does, and then
 * started from the generated code in JVM mode: whether they get TLS Boot's view of their bundle follows the
 * properties the application runs with, not those it was built with.
 */
class TlsKafkaAotTests {

	@Test
	@CompileWithForkedClassLoader
	void builtWithoutABundleTheClientsFollowTheBundleTheyRunWith() {
		processAheadOfTime((run) -> {
			run.with(Map.of("spring.kafka.ssl.bundle", "tls-default"),
					(application) -> assertThat(bundles(application)).allMatch(KafkaSslBundle.class::isInstance));
			run.with(Map.of(), (application) -> assertThat(bundles(application)).containsOnlyNulls());
		});
	}

	/** The bundle of the producer's and the admin's configuration. */
	private static Object[] bundles(GenericApplicationContext application) {
		String bundle = SslBundle.class.getName();
		return new Object[] {
				application.getBean(DefaultKafkaProducerFactory.class).getConfigurationProperties().get(bundle),
				application.getBean(KafkaAdmin.class).getConfigurationProperties().get(bundle) };
	}

	/**
	 * Process {@link KafkaApplication} ahead of time with no Kafka property set, compile the generated code, and hand
	 * over what starts it from that code.
	 */
	private static void processAheadOfTime(ThrowingConsumer<AotRun> action) {
		AnnotationConfigApplicationContext build = new AnnotationConfigApplicationContext();
		build.register(KafkaApplication.class);
		TestGenerationContext generation = new TestGenerationContext(KafkaApplication.class);
		ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(build, generation);
		generation.writeGeneratedContent();
		TestCompiler.forSystem().with(generation).compile((compiled) -> action.accept((runProperties, running) -> {
			try (GenericApplicationContext application = new GenericApplicationContext()) {
				TestPropertyValues.of(runProperties).applyTo(application);
				@SuppressWarnings("unchecked")
				ApplicationContextInitializer<GenericApplicationContext> generated = compiled
					.getInstance(ApplicationContextInitializer.class, initializer.toString());
				generated.initialize(application);
				TestPropertyValues.of(AotDetector.AOT_ENABLED + "=true").applyToSystemProperties(application::refresh);
				running.accept(application);
			}
		}));
	}

	@ImportAutoConfiguration({ TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class,
			SslAutoConfiguration.class, KafkaAutoConfiguration.class, TlsKafkaAutoConfiguration.class })
	static class KafkaApplication {

	}

	/** Starts the compiled application. */
	@FunctionalInterface
	private interface AotRun {

		/** Run it with {@code properties}, hand it to {@code running}, then stop it. */
		void with(Map<String, String> properties, Consumer<GenericApplicationContext> running);

	}

}
