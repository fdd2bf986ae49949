package dev.tlsboot.autoconfigure.grpc;

import javax.net.ssl.SSLSession;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.ServerTransportFilter;

import dev.tlsboot.core.observe.ConnectionObserver;

/**
 * Tells each connection of the gRPC server the addresses of its transport: gRPC makes TLS Boot's engines without a
 * peer and drives them in a handler of its own, so their registry entries start without addresses; gRPC knows both,
 * and the TLS session, once the transport is ready, which finds the entry
 * ({@link ConnectionObserver#located(byte[], java.util.function.Supplier, java.util.function.Supplier)}).
 */
final class GrpcConnectionLocator extends ServerTransportFilter {

	private final ConnectionObserver observer;

	GrpcConnectionLocator(ConnectionObserver observer) {
		this.observer = observer;
	}

	@Override
	public Attributes transportReady(Attributes transport) {
		SSLSession session = transport.get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
		if (session != null) {
			this.observer.located(session.getId(), () -> transport.get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR),
					() -> transport.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
		}
		return transport;
	}

}
