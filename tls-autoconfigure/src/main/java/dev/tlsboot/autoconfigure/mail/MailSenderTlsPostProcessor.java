package dev.tlsboot.autoconfigure.mail;

import java.util.Properties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import dev.tlsboot.autoconfigure.TlsContexts;
import dev.tlsboot.core.ConsumerSslContext;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.observe.TlsConsumers;

/**
 * Puts a {@link JavaMailSenderImpl} that Spring Boot gave a TLS Boot bundle's socket factory
 * ({@code mail.<protocol>.ssl.socketFactory}) on TLS Boot's terms, before it opens its first session:
 * <ul>
 * <li>the factory becomes the same context's {@link ConsumerSslContext view} naming consumer {@code mail}, so that
 * its connections are told apart in the registry and the metrics;</li>
 * <li>unless SSL is on from the connect ({@code smtps}, {@code mail.smtp.ssl.enable}), STARTTLS is enabled and
 * required where the application did not say otherwise: a TLS bundle on a sender that would fall back to plain text
 * when STARTTLS is not offered (or stripped on the way) protects nothing.</li>
 * </ul>
 * A sender with a factory of its own (another bundle, or one the application set) is left alone.
 * <p>
 * The host name needs nothing here: the context's sockets check it in the handshake, and TLS Boot's trust manager
 * explains a mismatch and refuses it as the context's {@code require} says. Angus Mail's
 * {@code mail.<protocol>.ssl.checkserveridentity} cannot switch that off: {@code true} (Spring Boot sets it unless
 * {@code spring.mail.ssl.verify-hostname} is {@code false}) makes the JDK match by its LDAPS rules instead of HTTPS
 * ones, and {@code false} sets no algorithm, which {@code SSLSocket.setSSLParameters} takes as "leave it as it is".
 */
final class MailSenderTlsPostProcessor implements BeanPostProcessor {

	private static final String BUNDLE_PROPERTY = "spring.mail.ssl.bundle";

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
				secure(sender, context);
			}
		}
		return bean;
	}

	private static void secure(JavaMailSenderImpl sender, TlsContext context) {
		String protocol = (sender.getProtocol() != null) ? sender.getProtocol() : "smtp";
		String prefix = "mail." + protocol;
		Properties properties = sender.getJavaMailProperties();
		if (properties.get(prefix + ".ssl.socketFactory") != context.socketFactory()) {
			return;
		}
		properties.put(prefix + ".ssl.socketFactory",
				ConsumerSslContext.of(context.sslContext(), TlsConsumers.MAIL).getSocketFactory());
		boolean implicitTls = "smtps".equals(protocol)
				|| Boolean.parseBoolean(properties.getProperty(prefix + ".ssl.enable"));
		if (!implicitTls) {
			properties.putIfAbsent(prefix + ".starttls.enable", "true");
			properties.putIfAbsent(prefix + ".starttls.required", "true");
		}
	}

}
