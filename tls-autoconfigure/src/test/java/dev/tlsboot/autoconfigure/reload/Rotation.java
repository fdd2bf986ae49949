package dev.tlsboot.autoconfigure.reload;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;


import dev.tlsboot.autoconfigure.ConsumerTesting;
import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.observe.ConnectionRegistry;
import dev.tlsboot.pki.CertificateAuthority;
import dev.tlsboot.pki.IssuedCertificate;
import dev.tlsboot.testing.SecretVolume;


/**
 * What the rotation tests share: a CA, a Kubernetes-style {@link SecretVolume} the rotating context reads, the
 * {@code tls.*} properties pointing at it, clients that always make a full handshake, and bounded waits for the
 * watcher.
 */
public final class Rotation {

	/** The longest any test waits for one thing; a reload normally takes the quiet period and a tick. */
	public static final Duration TIMEOUT = ConsumerTesting.TIMEOUT;

	/** A short quiet period: tests swap whole volumes, never half a set. */
	public static final String QUIET_PERIOD = "200ms";

	public final CertificateAuthority ca = CertificateAuthority.root("Rotation CA");

	public final SecretVolume volume;

	/**
	 * @param directory an empty directory for the volume
	 */
	public Rotation(Path directory) {
		this.volume = new SecretVolume(directory);
	}

	/** A new server certificate for localhost and 127.0.0.1 (a new key and serial each time). */
	public IssuedCertificate issueServer() {
		return this.ca.issueServer("localhost", "127.0.0.1");
	}

	/** Publish {@code certificate} with the CA as {@code ca.crt}, in one swap of the volume. */
	public IssuedCertificate publish(IssuedCertificate certificate) {
		this.volume.publish(certificate, this.ca.rootCertificatePem());
		return certificate;
	}

	/**
	 * Context {@code name} reading {@code tls.crt}, {@code tls.key} and {@code ca.crt} from the volume, reloaded after
	 * {@link #QUIET_PERIOD}.
	 */
	public Map<String, String> properties(String name) {
		Map<String, String> properties = new LinkedHashMap<>();
		String prefix = "tls.contexts." + name + ".";
		properties.put(prefix + "certfile", "file:" + this.volume.file("tls.crt"));
		properties.put(prefix + "keyfile", "file:" + this.volume.file("tls.key"));
		properties.put(prefix + "cafile", "file:" + this.volume.file("ca.crt"));
		properties.put("tls.reload.quiet-period", QUIET_PERIOD);
		return properties;
	}

	/**
	 * A client context in memory that trusts the CA and presents {@code certificate} (or none), keeping no
	 * connections: a fresh one has no session to resume, so its handshakes are full ones.
	 */
	TlsContext client(IssuedCertificate certificate, TlsOptions.Builder options) {
		return TlsContext.builder(options.build())
			.name("probe")
			.material(new TlsMaterial((certificate != null) ? certificate.keyMaterial() : null,
					List.of(this.ca.rootCertificate())))
			.registry(ConnectionRegistry.disabled())
			.build();
	}

	/**
	 * A full handshake with a raw TLS Boot client socket.
	 * @param servername the SNI name, or {@code null} to send none
	 * @return the leaf certificate the server presented
	 */
	X509Certificate handshake(int port, String servername) throws IOException {
		TlsOptions.Builder options = TlsOptions.builder();
		if (servername != null) {
			options.servername(servername);
		}
		try (SSLSocket socket = client(null, options).connect("127.0.0.1", port)) {
			return (X509Certificate) socket.getSession().getPeerCertificates()[0];
		}
	}

	/** A JDK HttpClient on HTTP/1.1 with a fresh client context: its connections are kept alive and reused. */
	HttpClient httpClient() {
		return HttpClient.newBuilder()
			.sslContext(client(null, TlsOptions.builder()).sslContext())
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(TIMEOUT)
			.build();
	}

	/** {@code GET https://127.0.0.1:port/}. */
	static HttpResponse<String> get(HttpClient client, int port) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/"))
			.timeout(TIMEOUT)
			.build();
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** The serial number of the server certificate a response came over. */
	static BigInteger servedSerial(HttpResponse<?> response) throws SSLPeerUnverifiedException {
		SSLSession session = response.sslSession().orElseThrow();
		return ((X509Certificate) session.getPeerCertificates()[0]).getSerialNumber();
	}

	static BigInteger serial(IssuedCertificate certificate) {
		return certificate.certificate().getSerialNumber();
	}

	/** An issued certificate whose validity ended yesterday. */
	public IssuedCertificate issueExpired() {
		Instant now = Instant.now();
		return this.ca.issue()
			.commonName("localhost")
			.subjectAltNames("localhost", "127.0.0.1")
			.serverAuth()
			.validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
			.build();
	}

}
