package dev.tlsboot.autoconfigure.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.HttpsURLConnection;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import dev.tlsboot.autoconfigure.TlsAutoConfiguration;
import dev.tlsboot.autoconfigure.TlsSslBundleAutoConfiguration;

/**
 * The HTTP clients an application gets from Spring Boot and TLS Boot, each making one GET and returning the body.
 */
enum HttpClientKind {

	/** RestClient on the JDK HttpClient. */
	REST_CLIENT_JDK("jdk") {

		@Override
		String get(ApplicationContext context, String url) {
			return restClient(context, url);
		}

	},

	/** RestClient on Reactor Netty, which Spring Boot picks when it is on the class path. */
	REST_CLIENT_REACTOR("reactor") {

		@Override
		String get(ApplicationContext context, String url) {
			return restClient(context, url);
		}

	},

	/** RestClient on HttpURLConnection. */
	REST_CLIENT_SIMPLE("simple") {

		@Override
		String get(ApplicationContext context, String url) {
			return restClient(context, url);
		}

	},

	/** RestTemplate from Spring Boot's RestTemplateBuilder, on the JDK HttpClient. */
	REST_TEMPLATE("jdk") {

		@Override
		String get(ApplicationContext context, String url) {
			return context.getBean(RestTemplateBuilder.class).build().getForObject(url, String.class);
		}

	},

	/** WebClient on Reactor Netty. */
	WEB_CLIENT(null) {

		@Override
		String get(ApplicationContext context, String url) {
			return context.getBean(WebClient.Builder.class)
				.build()
				.get()
				.uri(url)
				.retrieve()
				.bodyToMono(String.class)
				.block(HttpsTestServer.TIMEOUT);
		}

	},

	/** HttpsURLConnection as code that knows nothing of TLS Boot opens it, through the https handler. */
	HTTPS_URL_CONNECTION(null) {

		@Override
		String get(ApplicationContext context, String url) throws IOException {
			return httpsUrlConnection(url);
		}

		@Override
		String[] properties() {
			return new String[] { "tls.https-handler.register=true" };
		}

	},

	/** The JDK HttpClient from TLS Boot's HttpClient.Builder bean, as it comes. */
	JDK_HTTP_CLIENT(null) {

		@Override
		String get(ApplicationContext context, String url) throws Exception {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(HttpsTestServer.TIMEOUT).build();
			return context.getBean(java.net.http.HttpClient.Builder.class)
				.build()
				.send(request, HttpResponse.BodyHandlers.ofString())
				.body();
		}

	};

	private final String factory;

	HttpClientKind(String factory) {
		this.factory = factory;
	}

	/**
	 * An application with every HTTP client Spring Boot builds and TLS Boot's, configured by {@code tls.*} properties
	 * as the test gives them, reading answers for at most ten seconds.
	 */
	static ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TlsAutoConfiguration.class, TlsSslBundleAutoConfiguration.class,
					SslAutoConfiguration.class, HttpClientAutoConfiguration.class,
					ImperativeHttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					RestClientAutoConfiguration.class, RestTemplateAutoConfiguration.class,
					WebClientAutoConfiguration.class, TlsHttpClientAutoConfiguration.class,
					TlsHttpsHandlerAutoConfiguration.class))
			.withPropertyValues("spring.http.clients.read-timeout=10s");
	}

	/** The property that picks the library of RestClient and RestTemplate, or none. */
	String[] properties() {
		return (this.factory != null) ? new String[] { "spring.http.clients.imperative.factory=" + this.factory }
				: new String[0];
	}

	/** The messages of an exception and of its causes, outermost first. */
	static List<String> messages(Throwable ex) {
		List<String> messages = new ArrayList<>();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			messages.add(String.valueOf(cause.getMessage()));
		}
		return messages;
	}

	abstract String get(ApplicationContext context, String url) throws Exception;

	/** A GET the way code that knows nothing of TLS Boot makes it; no keep-alive, so each call handshakes anew. */
	static String httpsUrlConnection(String url) throws IOException {
		HttpsURLConnection connection = (HttpsURLConnection) new URL(url).openConnection();
		connection.setConnectTimeout((int) HttpsTestServer.TIMEOUT.toMillis());
		connection.setReadTimeout((int) HttpsTestServer.TIMEOUT.toMillis());
		connection.setRequestProperty("Connection", "close");
		try (InputStream body = connection.getInputStream()) {
			return new String(body.readAllBytes(), StandardCharsets.UTF_8);
		}
		finally {
			connection.disconnect();
		}
	}

	private static String restClient(ApplicationContext context, String url) {
		return context.getBean(RestClient.Builder.class).build().get().uri(url).retrieve().body(String.class);
	}

}
