package dev.tlsboot.autoconfigure.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.net.SSLSupport;
import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.observe.ConnectionObserver;

/**
 * Tells the registry entries of Tomcat's connections their addresses. Tomcat makes its engines with no peer and hands
 * neither engine nor socket to the application, but each request knows its connection's addresses and the id of its
 * TLS session, which finds the entry ({@link ConnectionObserver#located(byte[], java.util.function.Supplier,
 * java.util.function.Supplier)}). An entry is located by the first request on its connection; later requests cost a
 * lookup. Connections that carry no request (a failed handshake, a client that leaves after it) stay without.
 */
final class TomcatConnectionLocator extends ValveBase {

	private final ConnectionObserver observer;

	TomcatConnectionLocator(ConnectionObserver observer) {
		super(true);
		this.observer = observer;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		// Null on a connector without TLS, or served from another SSLContext (whose ids this observer never saw)
		if (request.getAttribute(SSLSupport.SESSION_ID_KEY) instanceof String id && !id.isEmpty()) {
			// The peer's address, not getRemoteAddr(), which RemoteIpValve may have replaced by a forwarded one
			this.observer.located(HexFormat.of().parseHex(id),
					() -> address(request.getLocalAddr(), request.getLocalPort()),
					() -> address(request.getPeerAddr(), request.getRemotePort()));
		}
		getNext().invoke(request, response);
	}

	/** Tomcat gives the socket's addresses as literals, so no name is looked up. */
	private static @Nullable InetSocketAddress address(@Nullable String literal, int port) {
		if (literal == null || port < 0) {
			return null;
		}
		try {
			return new InetSocketAddress(InetAddress.getByName(literal), port);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
