package dev.tlsboot.core.revocation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Plain HTTP for OCSP and CRLs, with the context's own timeout: the JDK's revocation fetches use JVM-wide system
 * properties instead. The client is made on the first fetch, so a context that never fetches has no HTTP threads.
 */
final class HttpFetch {

	private final Duration timeout;

	private volatile HttpClient client;

	HttpFetch(Duration timeout) {
		this.timeout = timeout;
	}

	/** POST {@code body}, e.g. an OCSP request ({@code application/ocsp-request}). */
	CompletableFuture<HttpResponse<byte[]>> post(URI uri, String contentType, byte[] body) {
		return send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	/** GET, e.g. a CRL. */
	CompletableFuture<HttpResponse<byte[]>> get(URI uri) {
		return send(HttpRequest.newBuilder(uri).GET());
	}

	private CompletableFuture<HttpResponse<byte[]>> send(HttpRequest.Builder request) {
		return client().sendAsync(request.timeout(this.timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpClient client() {
		HttpClient made = this.client;
		if (made == null) {
			synchronized (this) {
				made = this.client;
				if (made == null) {
					// HTTP/1.1: responders and CRL servers are simple, and an h2c upgrade confuses some of them.
					made = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
						.connectTimeout(this.timeout)
						.followRedirects(HttpClient.Redirect.NORMAL)
						.build();
					this.client = made;
				}
			}
		}
		return made;
	}

}
