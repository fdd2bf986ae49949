package dev.tlsboot.core;

import java.io.IOException;
import java.net.ServerSocket;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.observe.ConnectionObserver;

/**
 * An SSLContext as one library sees it: the given SSLContext (a {@link TlsContext}'s, or a
 * {@link RoutingSslContext}), with every socket, accepted socket and engine it makes named as that library's
 * {@link ConnectionObserver#consumer(Object, String) consumer}, so that the registry, the endpoint and the handshake
 * metrics say which library made each connection. One view serves every library that takes an SSLContext (the JDK
 * HttpClient, Apache, Jetty, {@code HttpURLConnection}, Tomcat) without a hook in each:
 * <pre>{@code
 * SSLContext forJetty = ConsumerSslContext.of(context.sslContext(), TlsConsumers.HTTP_SERVER);
 * }</pre>
 * Everything else, sessions and parameters included, is the given SSLContext's; what it makes unobserved is handed
 * out as it is.
 */
public final class ConsumerSslContext {

	private ConsumerSslContext() {
	}

	/**
	 * @param sslContext the SSLContext the library is given
	 * @param consumer the library's name, see {@link dev.tlsboot.core.observe.TlsConsumers}
	 * @return a view of {@code sslContext} that names {@code consumer} on each connection
	 */
	public static SSLContext of(SSLContext sslContext, String consumer) {
		return new Spi(sslContext, consumer).toSslContext();
	}

	private static final class Spi extends DecoratingSslContextSpi {

		private final String consumer;

		Spi(SSLContext delegate, String consumer) {
			super(delegate);
			this.consumer = consumer;
		}

		@Override
		SSLSocket client(SSLSocket socket, @Nullable String host) {
			return named(socket);
		}

		@Override
		SSLSocket serverOver(SSLSocket socket) {
			return named(socket);
		}

		@Override
		ServerSocket server(SSLServerSocket socket) throws IOException {
			return new AcceptingServerSocket(socket, this::named);
		}

		@Override
		SSLEngine serverEngine(SSLEngine engine) {
			return named(engine);
		}

		@Override
		SSLEngine clientEngine(SSLEngine engine, String host) {
			return named(engine);
		}

		private <T> T named(T socketOrEngine) {
			ConnectionObserver.consumer(socketOrEngine, this.consumer);
			return socketOrEngine;
		}

	}

}
