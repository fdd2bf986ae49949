package dev.tlsboot.autoconfigure.client;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;

/**
 * Routes RestClient and RestTemplate on Reactor Netty (Spring Boot's choice when reactor-netty is present) through
 * {@link ReactorNettyClientTls}: Spring Boot's request factory builder is wrapped so that a client built with TLS
 * Boot's bundle gets TLS Boot's Netty TLS, whose session cache a reload empties. Without it, the next connection after
 * a rotation resumes a session made with the old client certificate.
 */
final class ReactorRequestFactoryTlsPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<ReactorNettyClientTls> tls;

	ReactorRequestFactoryTlsPostProcessor(ObjectProvider<ReactorNettyClientTls> tls) {
		this.tls = tls;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ReactorClientHttpRequestFactoryBuilder reactor) {
			return this.tls.getObject().requestFactoryBuilder(reactor);
		}
		return bean;
	}

}
