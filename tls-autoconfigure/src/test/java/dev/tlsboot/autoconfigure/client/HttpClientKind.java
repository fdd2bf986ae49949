package dev.tlsboot.autoconfigure.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

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

	/** The property that picks the library of RestClient and RestTemplate, or none. */
	String[] properties() {
		return (this.factory != null) ? new String[] { "spring.http.clients.imperative.factory=" + this.factory }
				: new String[0];
	}

	abstract String get(ApplicationContext context, String url) throws Exception;

	private static String restClient(ApplicationContext context, String url) {
		return context.getBean(RestClient.Builder.class).build().get().uri(url).retrieve().body(String.class);
	}

}
