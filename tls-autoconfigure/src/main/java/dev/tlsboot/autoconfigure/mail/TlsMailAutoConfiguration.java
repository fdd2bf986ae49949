package dev.tlsboot.autoconfigure.mail;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsContexts;

/**
 * Mail on a TLS Boot context: when {@code spring.mail.ssl.bundle} is a context's bundle ({@code tls-<name>}), the
 * {@link JavaMailSenderImpl} Spring Boot made from it gets the context's socket factory as TLS Boot's consumer
 * {@code mail}, and STARTTLS required unless SSL is on from the start (see {@link MailSenderTlsPostProcessor}). Its
 * connections are in {@code /actuator/tls/connections}, a wrong host is refused with TLS Boot's explanation, and a
 * reloaded certificate reaches the next message sent.
 * <p>
 * Spring Boot's mail auto-configuration has no customizer, so the sender is adjusted by a bean post-processor before
 * it first opens a session. The bundle is read as the application starts, not by a condition, which AOT would fix
 * at build time.
 */
@AutoConfiguration(after = TlsAutoConfiguration.class)
@ConditionalOnClass(JavaMailSenderImpl.class)
@ConditionalOnBean(TlsContexts.class)
public final class TlsMailAutoConfiguration {

	TlsMailAutoConfiguration() {
	}

	@Bean
	static MailSenderTlsPostProcessor mailSenderTlsPostProcessor(ObjectProvider<TlsContexts> contexts,
			Environment environment) {
		return new MailSenderTlsPostProcessor(contexts, environment);
	}

}
