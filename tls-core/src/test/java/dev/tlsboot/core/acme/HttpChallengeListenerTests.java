package dev.tlsboot.core.acme;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The http-01 listener, as a CA and a browser on port 80 see it. */
class HttpChallengeListenerTests {

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void answersAPublishedTokenAndRedirectsEverythingElseToHttps() throws Exception {
		try (HttpChallengeListener listener = new HttpChallengeListener("127.0.0.1", 0)) {
			listener.publish("token-1", "token-1.thumbprint");
			HttpResponse<String> answer = get(listener, "/.well-known/acme-challenge/token-1");
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo("token-1.thumbprint");
			assertThat(get(listener, "/.well-known/acme-challenge/token-2").statusCode()).isEqualTo(404);
			HttpResponse<String> page = get(listener, "/orders?id=7");
			assertThat(page.statusCode()).isEqualTo(301);
			assertThat(page.headers().firstValue("Location")).hasValue("https://127.0.0.1/orders?id=7");
			listener.withdraw("token-1");
			assertThat(get(listener, "/.well-known/acme-challenge/token-1").statusCode()).isEqualTo(404);
		}
	}

	private HttpResponse<String> get(HttpChallengeListener listener, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.port() + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
