package dev.tlsboot.sample;

import java.security.cert.X509Certificate;
import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.tlsboot.core.status.CertificateInfo;

/**
 * The HTTPS API of TclTLS's example: {@code GET /test} tells the time and who the client is. The server requires a
 * client certificate signed by the sample's CA ({@code tls.server.require}), so a client only gets here with one.
 */
@RestController
class TestController {

	/**
	 * @param request the request, whose connection carries the client's certificate
	 * @return {@code Clock: <epoch seconds>; Client: <CN of the client certificate>}
	 */
	@GetMapping(path = "/test", produces = MediaType.TEXT_PLAIN_VALUE)
	String test(ServerHttpRequest request) {
		return "Clock: " + Instant.now().getEpochSecond() + "; Client: " + clientName(request.getSslInfo());
	}

	private static String clientName(SslInfo ssl) {
		X509Certificate[] certificates = (ssl != null) ? ssl.getPeerCertificates() : null;
		if (certificates == null || certificates.length == 0) {
			// Only reachable if tls.server.require were turned off
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "No client certificate");
		}
		return CommonName.of(CertificateInfo.of(certificates[0]).subject());
	}

}
