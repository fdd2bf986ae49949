package dev.tlsboot.core;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The names a certificate is valid for, written as OpenSSL prints them ({@code DNS:host}, {@code IP Address:ip}). */
final class CertificateNames {

	private CertificateNames() {
	}

	static List<String> subjectAltNames(X509Certificate certificate) {
		List<String> names = new ArrayList<>();
		try {
			Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
			if (entries != null) {
				for (List<?> entry : entries) {
					switch ((Integer) entry.get(0)) {
						case 1 -> names.add("email:" + entry.get(1));
						case 2 -> names.add("DNS:" + entry.get(1));
						case 7 -> names.add("IP Address:" + entry.get(1));
						case 6 -> names.add("URI:" + entry.get(1));
						default -> {
							// other name forms play no part in host name checks
						}
					}
				}
			}
		}
		catch (CertificateParsingException ex) {
			names.add("(unreadable subjectAltName: " + ex.getMessage() + ")");
		}
		return names;
	}

}
