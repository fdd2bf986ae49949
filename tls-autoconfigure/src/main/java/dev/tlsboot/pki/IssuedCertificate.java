package dev.tlsboot.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

import dev.tlsboot.core.material.KeyMaterial;

/**
 * A certificate with its private key and the chain up to (not including) the root, leaf first.
 *
 * @param keyPair the key pair the leaf certifies
 * @param chain the leaf followed by any intermediates
 */
public record IssuedCertificate(KeyPair keyPair, List<X509Certificate> chain) {

	public IssuedCertificate {
		chain = List.copyOf(chain);
	}

	/** The certificate issued. */
	public X509Certificate certificate() {
		return this.chain.get(0);
	}

	/** The key and chain, ready for a {@code TlsContext}. */
	public KeyMaterial keyMaterial() {
		return new KeyMaterial(this.keyPair.getPrivate(), this.chain);
	}

	/** The leaf as PEM. */
	public String certificatePem() {
		return Pem.of(List.of(certificate()));
	}

	/** The leaf and intermediates as one PEM bundle. */
	public String chainPem() {
		return Pem.of(this.chain);
	}

	/** The private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
	public String privateKeyPem() {
		try (StringWriter out = new StringWriter(); JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(new JcaPKCS8Generator(this.keyPair.getPrivate(), null));
			writer.flush();
			return out.toString();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot write a key as PEM", ex);
		}
	}

	@Override
	public String toString() {
		return "IssuedCertificate[" + certificate().getSubjectX500Principal().getName() + "]";
	}

	/** PEM output of certificates. */
	static final class Pem {

		private Pem() {
		}

		static String of(List<X509Certificate> certificates) {
			try (StringWriter out = new StringWriter(); JcaPEMWriter writer = new JcaPEMWriter(out)) {
				for (X509Certificate certificate : certificates) {
					writer.writeObject(certificate);
				}
				writer.flush();
				return out.toString();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot write a certificate as PEM", ex);
			}
		}

	}

}
