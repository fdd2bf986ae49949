package dev.tlsboot.core.material;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The objects of a PEM file as Bouncy Castle's {@link PEMParser} reads them, with the label of every block so that an
 * error can say what was found instead of what was expected.
 */
final class PemObjects {

	private final List<Object> objects;

	private final List<String> labels;

	private PemObjects(List<Object> objects, List<String> labels) {
		this.objects = objects;
		this.labels = labels;
	}

	/**
	 * Parse every block. Blocks of a type Bouncy Castle does not know (e.g. {@code DH PARAMETERS}) are skipped.
	 * @param source PEM content
	 * @return the objects read
	 * @throws dev.tlsboot.core.option.TlsConfigurationException when a block is damaged
	 */
	static PemObjects parse(Source source) {
		Reader reader = new InputStreamReader(new ByteArrayInputStream(source.bytes()), StandardCharsets.US_ASCII);
		try (LabellingParser parser = new LabellingParser(reader)) {
			List<Object> objects = new ArrayList<>();
			while (true) {
				try {
					Object object = parser.readObject();
					if (object == null) {
						return new PemObjects(objects, parser.labels);
					}
					objects.add(object);
				}
				catch (IOException ex) {
					if (parser.label == null || parser.getSupportedTypes().contains(parser.label)) {
						String block = (parser.label != null) ? "its " + parser.label + " block" : "a PEM block in it";
						throw source.failure(block + " cannot be read (" + ex.getMessage() + ").",
								"Check that the file is complete and not damaged, e.g. with openssl.", ex);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Closing an in-memory reader failed", ex);
		}
	}

	List<Object> objects() {
		return this.objects;
	}

	/** The certificates, plain or OpenSSL {@code TRUSTED CERTIFICATE}, in file order. */
	List<X509Certificate> certificates(Source source) {
		List<X509Certificate> certificates = new ArrayList<>();
		for (Object object : this.objects) {
			X509CertificateHolder holder = (object instanceof X509TrustedCertificateBlock trusted)
					? trusted.getCertificateHolder() : (object instanceof X509CertificateHolder plain) ? plain : null;
			if (holder != null) {
				certificates.add(Certificates.fromDer(source, encoded(holder)));
			}
		}
		return certificates;
	}

	/** The labels of the blocks found, for an error message: {@code "CERTIFICATE, EC PRIVATE KEY"}. */
	String found() {
		return this.labels.isEmpty() ? "no PEM block" : String.join(", ", this.labels);
	}

	private static byte[] encoded(X509CertificateHolder holder) {
		try {
			return holder.getEncoded();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Encoding a parsed certificate failed", ex);
		}
	}

	/** Remembers the label of each block, which {@link PEMParser} does not hand out. */
	private static final class LabellingParser extends PEMParser {

		private final List<String> labels = new ArrayList<>();

		private String label;

		LabellingParser(Reader reader) {
			super(reader);
		}

		@Override
		public PemObject readPemObject() throws IOException {
			this.label = null;
			PemObject object = super.readPemObject();
			if (object != null) {
				this.label = object.getType();
				this.labels.add(this.label);
			}
			return object;
		}

	}

}
