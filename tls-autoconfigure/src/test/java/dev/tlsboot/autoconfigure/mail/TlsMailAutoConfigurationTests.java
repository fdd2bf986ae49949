package dev.tlsboot.autoconfigure.mail;

import java.util.Properties;

import javax.net.SocketFactory;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.autoconfigure.TlsSslBundleAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which mail senders TLS Boot secures and how: those Spring Boot gave a {@code tls-<name>} bundle, decided as the
 * application starts.
 */
class TlsMailAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class,
				SslAutoConfiguration.class, MailSenderAutoConfiguration.class, TlsMailAutoConfiguration.class))
		.withPropertyValues("spring.mail.host=mail.example.test");

	@Test
	void aTlsBootBundleGetsTheMailViewOfItsContextWithStartTlsRequired() {
		this.runner.withPropertyValues("spring.mail.ssl.bundle=tls-default").run((application) -> {
			Properties properties = application.getBean(JavaMailSenderImpl.class).getJavaMailProperties();
			Object factory = properties.get("mail.smtp.ssl.socketFactory");
			assertThat(factory).isInstanceOf(SocketFactory.class)
				.isNotSameAs(application.getBean(TlsContexts.class).getDefault().socketFactory());
			assertThat(properties).containsEntry("mail.smtp.starttls.enable", "true")
				.containsEntry("mail.smtp.starttls.required", "true");
		});
	}

	@Test
	void whatTheApplicationSaysAboutStartTlsIsKept() {
		this.runner
			.withPropertyValues("spring.mail.ssl.bundle=tls-default",
					"spring.mail.properties.mail.smtp.starttls.required=false")
			.run((application) -> assertThat(application.getBean(JavaMailSenderImpl.class).getJavaMailProperties())
				.containsEntry("mail.smtp.starttls.enable", "true")
				.containsEntry("mail.smtp.starttls.required", "false"));
	}

	@Test
	void sslFromTheConnectNeedsNoStartTls() {
		this.runner.withPropertyValues("spring.mail.ssl.bundle=tls-default", "spring.mail.ssl.enabled=true")
			.run((application) -> assertThat(application.getBean(JavaMailSenderImpl.class).getJavaMailProperties())
				.containsEntry("mail.smtp.ssl.enable", "true")
				.doesNotContainKeys("mail.smtp.starttls.enable", "mail.smtp.starttls.required"));
		this.runner.withPropertyValues("spring.mail.ssl.bundle=tls-default", "spring.mail.protocol=smtps")
			.run((application) -> assertThat(application.getBean(JavaMailSenderImpl.class).getJavaMailProperties())
				.containsKey("mail.smtps.ssl.socketFactory")
				.doesNotContainKeys("mail.smtps.starttls.enable", "mail.smtps.starttls.required"));
	}

	@Test
	void withoutATlsBootBundleTheSenderIsLeftAlone() {
		this.runner.run((application) -> assertThat(
				application.getBean(JavaMailSenderImpl.class).getJavaMailProperties())
			.isEmpty());
	}

	@Test
	void aSenderOfTheApplicationsOwnIsLeftAlone() {
		this.runner.withPropertyValues("spring.mail.ssl.bundle=tls-default")
			.withUserConfiguration(OwnSender.class)
			.run((application) -> assertThat(application.getBean(JavaMailSenderImpl.class).getJavaMailProperties())
				.containsOnlyKeys("mail.smtp.ssl.socketFactory")
				.containsEntry("mail.smtp.ssl.socketFactory", OwnSender.FACTORY));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSender {

		static final SocketFactory FACTORY = SocketFactory.getDefault();

		@Bean
		JavaMailSenderImpl ownSender() {
			JavaMailSenderImpl sender = new JavaMailSenderImpl();
			sender.getJavaMailProperties().put("mail.smtp.ssl.socketFactory", FACTORY);
			return sender;
		}

	}

}
