package dev.tlsboot.autoconfigure.server;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;

import dev.tlsboot.core.ConsumerSslContext;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.observe.TlsConsumers;

/**
 * A built {@link TlsContext} as Tomcat's own {@link org.apache.tomcat.util.net.SSLContext}, so that a connector
 * serves it as it is (SNI key manager, trust manager, observed engines) instead of building one from key stores.
 */
final class TomcatSslContext implements org.apache.tomcat.util.net.SSLContext {

	private final TlsContext context;

	private final SSLContext sslContext;

	TomcatSslContext(TlsContext context) {
		this.context = context;
		this.sslContext = ConsumerSslContext.of(context.sslContext(), TlsConsumers.HTTP_SERVER);
	}

	/** Tomcat initialises only the contexts it generates; this one is built already. */
	@Override
	public void init(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random) {
		throw new IllegalStateException("TLS context '" + this.context.name() + "' is built by TLS Boot");
	}

	@Override
	public void destroy() {
		// The TLS context outlives the connector: it is a bean that other consumers may share.
	}

	@Override
	public SSLSessionContext getServerSessionContext() {
		return this.sslContext.getServerSessionContext();
	}

	@Override
	public SSLEngine createSSLEngine() {
		return this.sslContext.createSSLEngine();
	}

	@Override
	public SSLServerSocketFactory getServerSocketFactory() {
		return this.sslContext.getServerSocketFactory();
	}

	@Override
	public SSLParameters getSupportedSSLParameters() {
		return this.sslContext.getSupportedSSLParameters();
	}

	@Override
	public X509Certificate[] getCertificateChain(String alias) {
		return this.context.certificateChain().toArray(X509Certificate[]::new);
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return this.context.trustAnchors().toArray(X509Certificate[]::new);
	}

}
