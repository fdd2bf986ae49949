package dev.tlsboot.autoconfigure.client;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Makes the HTTP clients' TLS the JVM-wide HTTPS default while the application context lives, like Tcl's
 * {@code http::register https 443 tls::socket}: {@link HttpsURLConnection}'s default socket factory and host name
 * verifier, and {@link SSLContext#setDefault}. The previous defaults come back when the context closes.
 */
final class HttpsHandler implements InitializingBean, DisposableBean {

	private static final Log logger = LogFactory.getLog(HttpsHandler.class);

	private final ClientTls tls;

	private SSLContext previousContext;

	private SSLSocketFactory previousSocketFactory;

	private HostnameVerifier previousVerifier;

	HttpsHandler(ClientTls tls) {
		this.tls = tls;
	}

	// This makes the client context at startup even when it defers to first use: the JVM is handed an SSLContext now,
	// and keeping the previous default to restore makes the JDK build its own, which costs as much.
	@Override
	public void afterPropertiesSet() throws Exception {
		this.previousContext = SSLContext.getDefault();
		this.previousSocketFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
		this.previousVerifier = HttpsURLConnection.getDefaultHostnameVerifier();
		SSLContext.setDefault(this.tls.sslContext());
		HttpsURLConnection.setDefaultSSLSocketFactory(this.tls.sslContext().getSocketFactory());
		HttpsURLConnection.setDefaultHostnameVerifier(new RequirePolicyHostnameVerifier(this.tls));
		logger.warn("TLS Boot's " + this.tls + " is now the JVM-wide default for HttpsURLConnection and "
				+ "SSLContext.getDefault() (tls.https-handler.register=true), for every library in this JVM");
	}

	@Override
	public void destroy() {
		SSLContext.setDefault(this.previousContext);
		HttpsURLConnection.setDefaultSSLSocketFactory(this.previousSocketFactory);
		HttpsURLConnection.setDefaultHostnameVerifier(this.previousVerifier);
		logger.info("Restored the JVM's previous HTTPS defaults");
	}

}
