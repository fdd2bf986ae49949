package dev.tlsboot.core;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.tlsboot.core.status.CertificateInfo;

/** The names a certificate is valid for, for error messages: {@link CertificateInfo#subjectAltNames}. */
final class CertificateNames {

	private CertificateNames() {
	}

	static List<String> subjectAltNames(X509Certificate certificate) {
		try {
			return CertificateInfo.subjectAltNames(certificate);
		}
		catch (CertificateParsingException ex) {
			return List.of("(unreadable subjectAltName: " + ex.getMessage() + ")");
		}
	}

}
