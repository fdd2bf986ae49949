package dev.tlsboot.core.jdbc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Properties;

import javax.net.ssl.SSLSocketFactory;

import dev.tlsboot.core.ConsumerSslContext;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.observe.TlsConsumers;

/**
 * pgjdbc's SSL socket factory on a TLS Boot context, named in the JDBC URL, with no JVM-wide setting:
 * <pre>
 * jdbc:postgresql://db.internal:5432/app?sslmode=verify-full
 *     &amp;sslfactory=dev.tlsboot.core.jdbc.PostgresSslFactory&amp;sslfactoryarg=pg
 * </pre>
 * {@code sslfactoryarg} names a context {@linkplain JdbcTlsContexts registered} for JDBC (with Spring Boot, every
 * {@code tls.*} context). Its key, trust and options decide the handshake, the server's host name included, and each
 * connection is in the connection registry as consumer {@link TlsConsumers#POSTGRESQL postgresql}. pgjdbc makes a
 * factory for every connection, so a reloaded certificate reaches the next connection; with
 * {@code sslmode=verify-full} pgjdbc also checks the host name again after the handshake.
 */
public final class PostgresSslFactory extends SSLSocketFactory {

	/** pgjdbc's connection property whose value it hands to SSL factories: here, the context's name. */
	static final String CONTEXT_PROPERTY = "sslfactoryarg";

	private final SSLSocketFactory sockets;

	/**
	 * Called by pgjdbc, which prefers this constructor to a {@code String} one, with the connection's properties: the
	 * URL's parameters and those given to the driver.
	 * @param connection the connection's properties, {@code sslfactoryarg} among them
	 * @throws IllegalArgumentException when {@code sslfactoryarg} names no registered context
	 */
	public PostgresSslFactory(Properties connection) {
		TlsContext context = JdbcTlsContexts.get(connection.getProperty(CONTEXT_PROPERTY), CONTEXT_PROPERTY);
		this.sockets = ConsumerSslContext.of(context.sslContext(), TlsConsumers.POSTGRESQL).getSocketFactory();
	}

	@Override
	public String[] getDefaultCipherSuites() {
		return this.sockets.getDefaultCipherSuites();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.sockets.getSupportedCipherSuites();
	}

	/** What pgjdbc calls: TLS over the connection it opened, after PostgreSQL agreed to SSL. */
	@Override
	public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
		return this.sockets.createSocket(socket, host, port, autoClose);
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return this.sockets.createSocket(host, port);
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return this.sockets.createSocket(host, port, localHost, localPort);
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return this.sockets.createSocket(host, port);
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return this.sockets.createSocket(address, port, localAddress, localPort);
	}

}
