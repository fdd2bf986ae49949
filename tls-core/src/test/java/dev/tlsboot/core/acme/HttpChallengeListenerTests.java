package dev.tlsboot.core.acme;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tlsboot.pki.KeyType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The http-01 listener on 127.0.0.1, spoken to with the JDK's HTTP client and raw sockets: it answers the challenges
 * published in storage (by any instance sharing it), redirects the rest to HTTPS, and bounds what a client can hold.
 */
class HttpChallengeListenerTests {

	private static final Duration DEADLINE = Duration.ofMillis(800);

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path storage;

	@Test
	void answersAChallengeAnotherInstancePublishedInSharedStorage() throws Exception {
		AcmeStorage other = new AcmeStorage(settings());
		other.publishChallenge("tok-EN_1", "tok-EN_1.thumbprint");
		try (HttpChallengeListener listener = listener(4)) {
			HttpResponse<String> answer = get(listener, HttpChallengeListener.PREFIX + "tok-EN_1");
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo("tok-EN_1.thumbprint");
			assertThat(get(listener, HttpChallengeListener.PREFIX + "unknown").statusCode()).isEqualTo(404);
			assertThat(get(listener, HttpChallengeListener.PREFIX + "..%2Faccount.key").statusCode()).isEqualTo(404);
		}
		Path challenges = this.storage.resolve("challenges");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(challenges))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(challenges.resolve("tok-EN_1"))))
			.isEqualTo("rw-------");
		other.withdrawChallenge("tok-EN_1");
		assertThat(challenges.resolve("tok-EN_1")).doesNotExist();
	}

	@Test
	void answersHeadWithTheHeadOfGetAndNoBody() throws Exception {
		new AcmeStorage(settings()).publishChallenge("tok-HEAD", "tok-HEAD.thumbprint");
		try (HttpChallengeListener listener = listener(4); Socket socket = connect(listener)) {
			socket.getOutputStream().write(("HEAD " + HttpChallengeListener.PREFIX
					+ "tok-HEAD HTTP/1.1\r\nHost: app.example.com\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
			assertThat(response).startsWith("HTTP/1.1 200 ")
				.contains("\r\nContent-Length: " + "tok-HEAD.thumbprint".length() + "\r\n")
				.endsWith("\r\n\r\n");
		}
	}

	@Test
	void redirectsEveryOtherRequestToTheSameHostAndPathOnTheHttpsPort() throws Exception {
		try (HttpChallengeListener listener = listener(4)) {
			// As a browser sends it, with the http port in Host (the JDK's client does not let a test set Host).
			try (Socket socket = connect(listener)) {
				socket.getOutputStream().write(("GET /orders/7?page=2 HTTP/1.1\r\nHost: app.example.com:"
						+ listener.port() + "\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
				String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
				assertThat(response).startsWith("HTTP/1.1 301 ")
					.contains("\r\nLocation: https://app.example.com:8443/orders/7?page=2\r\n");
			}
		}
	}

	@Test
	void aSilentClientIsClosedAtTheDeadlineAndHoldsNoThreadAnotherNeeds() throws Exception {
		try (HttpChallengeListener listener = listener(2)) {
			List<Socket> silent = new ArrayList<>();
			try {
				silent.add(connect(listener));
				long started = System.nanoTime();
				// One slot left: a client that asks is answered while the silent one waits.
				assertThat(get(listener, "/").statusCode()).isEqualTo(301);
				assertThat(readsToEnd(silent.get(0))).isTrue();
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DEADLINE.multipliedBy(3));
				// Its worker frees the slot just after the close the client saw: give it the time to, so that the two
				// silent clients below take both slots rather than one of them being refused in the meantime
				Thread.sleep(200);
				// Both slots silent: a third connection is closed at once; once they are dropped, requests are served.
				silent.add(connect(listener));
				silent.add(connect(listener));
				Thread.sleep(200);
				Socket third = connect(listener);
				silent.add(third);
				long refused = System.nanoTime();
				assertThat(readsToEnd(third)).isTrue();
				assertThat(Duration.ofNanos(System.nanoTime() - refused)).isLessThan(DEADLINE.dividedBy(2));
				Thread.sleep(DEADLINE.toMillis() + 300);
				assertThat(get(listener, "/").statusCode()).isEqualTo(301);
			}
			finally {
				for (Socket socket : silent) {
					socket.close();
				}
			}
		}
	}

	private HttpChallengeListener listener(int connections) {
		AcmeStorage storage = new AcmeStorage(settings());
		return new HttpChallengeListener("127.0.0.1", 0, storage::challenge, () -> 8443, DEADLINE, connections);
	}

	private AcmeSettings settings() {
		return new AcmeSettings("https://127.0.0.1:1/dir", List.of("app.example.com"), null, true,
				AcmeChallenge.HTTP_01, "127.0.0.1", 1, this.storage, KeyType.EC_P256, null, Duration.ofSeconds(4), null,
				null, null);
	}

	private HttpResponse<String> get(HttpChallengeListener listener, String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.port() + path))
			.timeout(Duration.ofSeconds(5))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Socket connect(HttpChallengeListener listener) throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.port());
		socket.setSoTimeout((int) DEADLINE.multipliedBy(4).toMillis());
		return socket;
	}

	/** Whether the server closed the connection (having sent nothing), rather than the read timing out. */
	private static boolean readsToEnd(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		try {
			return in.read() == -1;
		}
		catch (java.net.SocketException ex) {
			return true; // reset by the server's close
		}
	}

}
