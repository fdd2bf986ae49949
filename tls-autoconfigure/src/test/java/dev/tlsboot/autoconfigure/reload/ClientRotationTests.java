package dev.tlsboot.autoconfigure.reload;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.handler.ssl.SslHandler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsSslBundleAutoConfiguration;
import dev.tlsboot.autoconfigure.client.TlsHttpClientAutoConfiguration;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.netty.NettyTlsImplementation;
import dev.tlsboot.netty.ReactorNettyTls;
import dev.tlsboot.pki.IssuedCertificate;

import static dev.tlsboot.autoconfigure.ConsumerTesting.awaitReloads;
import static dev.tlsboot.autoconfigure.reload.Rotation.serial;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client side of rotation: the client certificate of {@code tls.client.context} rotated on disk reaches the
 * RestClients (on Reactor Netty and the JDK HttpClient) and the WebClient an application built before the swap. A connection they pooled before the swap keeps the
 * certificate it was opened with until it closes (what a pool is for); the next connection presents the new one.
 */
class ClientRotationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class,
				SslAutoConfiguration.class, TlsReloadAutoConfiguration.class, HttpClientAutoConfiguration.class,
				ImperativeHttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
				RestClientAutoConfiguration.class, WebClientAutoConfiguration.class,
				TlsHttpClientAutoConfiguration.class))
		.withPropertyValues("tls.client.context=client", "spring.http.clients.connect-timeout=10s",
				"spring.http.clients.read-timeout=10s");

	/**
	 * RestClient on Reactor Netty included: TLS Boot secures it as WebClient, so a reload empties its session cache
	 * and the next connection cannot resume a session made with the old certificate.
	 */
	@ParameterizedTest
	@EnumSource
	void theNextConnectionPresentsTheRotatedClientCertificate(HttpClient kind) {
		Rotation rotation = new Rotation(this.directory);
		IssuedCertificate first = rotation.publish(rotation.ca.issueClient("client"));
		try (RecordingServer server = new RecordingServer(rotation)) {
			this.runner.withPropertyValues(properties(rotation))
				.withPropertyValues(kind.properties())
				.run((application) -> {
					Caller client = kind.build(application);
					Seen before = Seen.of(client.get(server.url("keep-alive")));
					assertThat(before.serial()).isEqualTo(serial(first));

					IssuedCertificate second = rotation.publish(rotation.ca.issueClient("client"));
					awaitReloads(application, "client", 1);

					assertThat(Seen.of(client.get(server.url("close"))))
						.as("the pooled connection, opened before the swap").isEqualTo(before);
					Seen next = Seen.of(client.get(server.url("keep-alive")));
					assertThat(next.port()).as("a new connection").isNotEqualTo(before.port());
					assertThat(next.serial()).isEqualTo(serial(second));
				});
		}
	}

	private static String[] properties(Rotation rotation) {
		return rotation.properties("client")
			.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

	/** The clients under test, each built once per application and reused across the swap. */
	enum HttpClient {

		/** RestClient on Reactor Netty, which Spring Boot picks on this class path. */
		REST_CLIENT_REACTOR("reactor"),

		/** RestClient on the JDK HttpClient. */
		REST_CLIENT_JDK("jdk"),

		/** WebClient on Reactor Netty. */
		WEB_CLIENT(null) {

			@Override
			Caller build(ApplicationContext application) {
				WebClient client = application.getBean(WebClient.Builder.class).build();
				return (url) -> client.get().uri(url).retrieve().bodyToMono(String.class).block(Rotation.TIMEOUT);
			}

		},

		/**
		 * WebClient reaching the server through a route on OpenSSL, whose session cache is its own: the rotating
		 * context's reload must empty it, not only the fallback's.
		 */
		WEB_CLIENT_ROUTED_OPENSSL(null, "tls.client.context=default", "tls.client.routes[127.0.0.1]=client",
				"tls.contexts.client.provider=openssl") {

			@Override
			Caller build(ApplicationContext application) {
				return WEB_CLIENT.build(application);
			}

		};

		private final @Nullable String factory;

		private final String[] properties;

		HttpClient(@Nullable String factory, String... properties) {
			this.factory = factory;
			this.properties = properties;
		}

		String[] properties() {
			return (this.factory != null) ? new String[] { "spring.http.clients.imperative.factory=" + this.factory }
					: this.properties;
		}

		Caller build(ApplicationContext application) {
			RestClient client = application.getBean(RestClient.Builder.class).build();
			return (url) -> client.get().uri(url).retrieve().body(String.class);
		}

	}

	/** One GET, returning the body. */
	interface Caller {

		String get(String url);

	}

	/** What the server saw of a request: the client certificate's serial and the client's port. */
	record Seen(BigInteger serial, int port) {

		static Seen of(String body) {
			String[] parts = body.split(" ");
			return new Seen(new BigInteger(parts[0]), Integer.parseInt(parts[1]));
		}

	}

	/**
	 * An HTTPS server on 127.0.0.1 that requires a client certificate and answers {@code "<serial> <client port>"};
	 * {@code /close} closes the connection after answering, {@code /keep-alive} keeps it for the client's pool.
	 */
	static final class RecordingServer implements AutoCloseable {

		private final DisposableServer server;

		RecordingServer(Rotation rotation) {
			TlsContext tls = TlsContext.create("recording", TlsOptions.builder().require(true).build(),
					new TlsMaterial(rotation.issueServer().keyMaterial(), List.of(rotation.ca.rootCertificate())));
			this.server = HttpServer.create()
				.host("127.0.0.1")
				.port(0)
				.protocol(HttpProtocol.HTTP11)
				.secure(ReactorNettyTls.server(tls, NettyTlsImplementation.JDK, HttpProtocol.HTTP11))
				.handle(RecordingServer::answer)
				.bindNow(Rotation.TIMEOUT);
		}

		String url(String path) {
			return "https://127.0.0.1:" + this.server.port() + "/" + path;
		}

		private static Publisher<Void> answer(HttpServerRequest request,
				HttpServerResponse response) {
			StringBuilder seen = new StringBuilder();
			request.withConnection((connection) -> seen.append(clientSerial(connection.channel().pipeline()
				.get(SslHandler.class))).append(' ').append(request.remoteAddress().getPort()));
			return response.keepAlive(!request.uri().endsWith("/close")).sendString(Mono.just(seen.toString()));
		}

		private static BigInteger clientSerial(SslHandler tls) {
			try {
				return ((X509Certificate) tls.engine().getSession().getPeerCertificates()[0]).getSerialNumber();
			}
			catch (SSLPeerUnverifiedException ex) {
				throw new IllegalStateException("The server requires a client certificate", ex);
			}
		}

		@Override
		public void close() {
			this.server.disposeNow(Rotation.TIMEOUT);
		}

	}

}
