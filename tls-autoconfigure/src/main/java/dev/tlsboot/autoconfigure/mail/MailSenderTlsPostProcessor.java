package dev.tlsboot.autoconfigure.mail;

import java.util.Properties;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.core.ConsumerSslContext;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.observe.TlsConsumers;
import dev.tlsboot.core.option.TlsOption;

/**
 * Puts a {@link JavaMailSenderImpl} that Spring Boot gave a TLS Boot bundle's socket factory
 * ({@code mail.<protocol>.ssl.socketFactory}) on TLS Boot's terms, before it opens its first session:
 * <ul>
 * <li>the factory becomes the same context's {@link ConsumerSslContext view} naming consumer {@code mail}, so that
 * its connections are told apart in the registry and the metrics;</li>
 * <li>the host name is TLS Boot's to check: Angus Mail sets the JDK's endpoint identification on each socket from
 * {@code mail.<protocol>.ssl.checkserveridentity} (which Spring Boot sets to {@code true} unless
 * {@code spring.mail.ssl.verify-hostname} is {@code false}), replacing the context's own, and {@code false} would
 * switch the check off even in TLS Boot's trust manager, which could then neither refuse nor record a mismatch. So
 * it stays {@code true} (the JDK's LDAPS rules, a wildcard only in the leftmost label), and the context's
 * {@code require} decides whether a mismatch is refused or only recorded;</li>
 * <li>unless SSL is on from the connect ({@code smtps}, {@code mail.smtp.ssl.enable}), STARTTLS is enabled and
 * required where the application did not say otherwise: a TLS bundle on a sender that would fall back to plain text
 * when STARTTLS is not offered (or stripped on the way) protects nothing.</li>
 * </ul>
 * A sender with a factory of its own (another bundle, or one the application set) is left alone.
 */
final class MailSenderTlsPostProcessor implements BeanPostProcessor {

	static final String BUNDLE_PROPERTY = "spring.mail.ssl.bundle";

	private static final String VERIFY_HOSTNAME_PROPERTY = "spring.mail.ssl.verify-hostname";

	private static final Log logger = LogFactory.getLog(MailSenderTlsPostProcessor.class);

	private final ObjectProvider<TlsContexts> contexts;

	private final Environment environment;

	MailSenderTlsPostProcessor(ObjectProvider<TlsContexts> contexts, Environment environment) {
		this.contexts = contexts;
		this.environment = environment;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof JavaMailSenderImpl sender) {
			TlsContexts contexts = this.contexts.getIfAvailable();
			TlsContext context = (contexts != null)
					? contexts.forBundle(this.environment.getProperty(BUNDLE_PROPERTY, "")) : null;
			if (context != null) {
				secure(sender, context, contexts);
			}
		}
		return bean;
	}

	private void secure(JavaMailSenderImpl sender, TlsContext context, TlsContexts contexts) {
		String protocol = (sender.getProtocol() != null) ? sender.getProtocol() : "smtp";
		String prefix = "mail." + protocol;
		Properties properties = sender.getJavaMailProperties();
		if (properties.get(prefix + ".ssl.socketFactory") != context.socketFactory()) {
			return;
		}
		properties.put(prefix + ".ssl.socketFactory",
				ConsumerSslContext.of(context.sslContext(), TlsConsumers.MAIL).getSocketFactory());
		String checkServerIdentity = prefix + ".ssl.checkserveridentity";
		if (!this.environment.getProperty(VERIFY_HOSTNAME_PROPERTY, Boolean.class, true)
				|| "false".equalsIgnoreCase(properties.getProperty(checkServerIdentity))) {
			logger.warn(VERIFY_HOSTNAME_PROPERTY + " and " + checkServerIdentity + " are ignored for TLS context '"
					+ context.name() + "': TLS Boot checks the mail server's host name; set "
					+ contexts.property(context.name(), TlsOption.REQUIRE.optionName())
					+ "=false to only record a mismatch");
		}
		properties.setProperty(checkServerIdentity, "true");
		boolean implicitTls = "smtps".equals(protocol)
				|| Boolean.parseBoolean(properties.getProperty(prefix + ".ssl.enable"));
		if (!implicitTls) {
			properties.putIfAbsent(prefix + ".starttls.enable", "true");
			properties.putIfAbsent(prefix + ".starttls.required", "true");
		}
	}

}
