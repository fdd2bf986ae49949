package dev.tlsboot.autoconfigure.grpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.grpc.Server;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;

import dev.tlsboot.pki.IssuedCertificate;

/**
 * A plain grpc-netty server on 127.0.0.1, with nothing of TLS Boot: gRPC's health service over TLS from PEM, requiring
 * client certificates of the CA in {@code caPem}; started per test class.
 */
final class GrpcHealthServer implements AutoCloseable {

	private final Server server;

	private GrpcHealthServer(Server server) {
		this.server = server;
	}

	static GrpcHealthServer start(IssuedCertificate certificate, String caPem) throws IOException {
		SslContext sslContext = GrpcSslContexts.forServer(pem(certificate.chainPem()), pem(certificate.privateKeyPem()))
			.trustManager(pem(caPem))
			.clientAuth(ClientAuth.REQUIRE)
			.build();
		Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.sslContext(sslContext)
			.addService(new HealthStatusManager().getHealthService())
			.build()
			.start();
		return new GrpcHealthServer(server);
	}

	private static InputStream pem(String pem) {
		return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
	}

	/** The target of a channel to this server, as {@code spring.grpc.client.channel.<name>.target} takes it. */
	String target() {
		return "static://127.0.0.1:" + this.server.getPort();
	}

	@Override
	public void close() throws InterruptedException {
		this.server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
	}

}
