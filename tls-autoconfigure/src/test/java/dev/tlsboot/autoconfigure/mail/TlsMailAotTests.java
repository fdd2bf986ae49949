package dev.tlsboot.autoconfigure.mail;

import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.TlsSslBundleAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail sender in an application processed ahead of time without {@code spring.mail.ssl.bundle}, as
 * {@code spring-boot:process-aot} would, and started from the generated code with a TLS Boot bundle: the sender is
 * put on TLS Boot's terms all the same, because the bundle is read as the application starts.
 */
class TlsMailAotTests {

	@Test
	@CompileWithForkedClassLoader
	@SuppressWarnings("unchecked")
	void builtWithoutABundleAndRunWithATlsBootOneGetsTlsBootsFactoryAndStartTls() {
		GenericApplicationContext build = new AnnotationConfigApplicationContext();
		build.registerBean(MailApplication.class);
		TestPropertyValues.of("spring.mail.host=mail.example.test").applyTo(build);
		TestGenerationContext generation = new TestGenerationContext(MailApplication.class);
		ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(build, generation);
		generation.writeGeneratedContent();
		TestCompiler.forSystem().with(generation).compile((compiled) -> {
			try (GenericApplicationContext application = new GenericApplicationContext()) {
				TestPropertyValues.of("spring.mail.host=mail.example.test", "spring.mail.ssl.bundle=tls-default")
					.applyTo(application);
				compiled.getInstance(ApplicationContextInitializer.class, initializer.toString()).initialize(application);
				TestPropertyValues.of(AotDetector.AOT_ENABLED + "=true").applyToSystemProperties(application::refresh);
				Properties properties = application.getBean(JavaMailSenderImpl.class).getJavaMailProperties();
				assertThat(properties.get("mail.smtp.ssl.socketFactory"))
					.isNotSameAs(application.getBean(TlsContexts.class).getDefault().socketFactory());
				assertThat(properties).containsEntry("mail.smtp.starttls.required", "true");
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class,
			SslAutoConfiguration.class, MailSenderAutoConfiguration.class, TlsMailAutoConfiguration.class })
	static class MailApplication {

	}

}
