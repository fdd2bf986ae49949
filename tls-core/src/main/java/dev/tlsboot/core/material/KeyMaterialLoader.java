package dev.tlsboot.core.material;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.spi.PasswordProvider;

/**
 * Loads the private key and certificate chain of a context from its options, like TclTLS's {@code -certfile},
 * {@code -keyfile}, {@code -cert} and {@code -key}:
 * <ul>
 * <li>{@code certfile} with a PEM chain (or a DER certificate) and {@code keyfile} with the key in PEM or DER;</li>
 * <li>{@code certfile} alone, holding both the PEM chain and the key;</li>
 * <li>{@code certfile} naming a PKCS#12 or JKS keystore, the entry chosen by {@code keyalias} (alias or subject CN)
 * when it holds more than one key; with {@code keyfile} set as well, which key to use is unclear, and the two
 * conflict;</li>
 * <li>{@code cert} and {@code key} as DER bytes.</li>
 * </ul>
 * Keys may be PKCS#8, PKCS#1 RSA or SEC1 EC, encrypted or not; {@code password} opens them. The key must belong to a
 * certificate of the chain, which becomes the leaf; the chain is put in issuer order where it was given out of order.
 */
final class KeyMaterialLoader {

	private static final SecureRandom RANDOM = new SecureRandom();

	private KeyMaterialLoader() {
	}

	/**
	 * Load the key material the options name.
	 * @param options the context's options
	 * @return the key and chain, or {@code null} when the options name no certificate
	 * @throws TlsConfigurationException naming the option at fault when the material cannot be used
	 */
	static @Nullable KeyMaterial load(MaterialOptions options) {
		if (!options.hasKeyMaterial() || isMissingOptional(options.certfile()) || isMissingOptional(options.keyfile())) {
			return null;
		}
		if (options.certfile() == null) {
			return fromBytes(options.cert(), options.key(), options.password());
		}
		Source certfile = Source.read(TlsOption.CERTFILE, options.certfile());
		String storeType = KeyStores.type(certfile);
		if (options.keyfile() != null && storeType != null) {
			throw new TlsConfigurationException(TlsOption.KEYFILE, options.keyfile().text(), "'certfile' is a "
					+ storeType + " keystore, which holds the key and its chain, and 'keyfile' names a key as well.",
					"Leave 'keyfile' unset where 'certfile' is a keystore (a context that inherits it can set it to an "
							+ "empty value), or point 'certfile' at the PEM or DER certificate chain of that key.")
				.conflictingWith(TlsOption.CERTFILE, certfile.location());
		}
		if (options.keyfile() == null && isKeyStore(certfile)) {
			return fromKeyStore(certfile, options);
		}
		List<X509Certificate> chain = Certificates.read(certfile);
		Source key;
		if (options.keyfile() != null) {
			key = Source.read(TlsOption.KEYFILE, options.keyfile());
		}
		else if (certfile.isPem()) {
			key = certfile.as(TlsOption.KEYFILE);
		}
		else {
			throw new TlsConfigurationException(TlsOption.KEYFILE, null, "'certfile' is a DER certificate, which holds no key.",
					"Set 'keyfile' to the private key of " + certfile.location() + ".");
		}
		return assemble(privateKey(key, options.password()), chain, key, TlsOption.CERTFILE);
	}

	/**
	 * Load a key and its certificate chain given as PEM text, with the rules of {@code cert} and {@code key}: the key
	 * may be PKCS#8, PKCS#1 RSA or SEC1 EC, encrypted or not, and must belong to a certificate of the chain.
	 * @param chainPem the certificates ({@code BEGIN CERTIFICATE}), leaf and issuers in any order
	 * @param keyPem the private key
	 * @param password the key's password, or {@code null} for an unencrypted key; it is not changed
	 * @return the key and chain, leaf first and in issuer order
	 * @throws TlsConfigurationException naming {@code cert}, {@code key} or {@code password} when the PEM cannot be
	 * used
	 */
	static KeyMaterial fromPem(String chainPem, String keyPem, char @Nullable [] password) {
		PasswordProvider passwords = (location) -> (password != null) ? password.clone() : null;
		return fromBytes(chainPem.getBytes(StandardCharsets.UTF_8), keyPem.getBytes(StandardCharsets.UTF_8),
				passwords);
	}

	private static KeyMaterial fromBytes(byte[] cert, byte[] key, PasswordProvider passwords) {
		List<X509Certificate> chain = Certificates.read(Source.of(TlsOption.CERT, cert));
		Source keySource = Source.of(TlsOption.KEY, key);
		return assemble(privateKey(keySource, passwords), chain, keySource, TlsOption.CERT);
	}

	/** Plain PKCS#8 PEM with the JDK alone; {@link PrivateKeys} (Bouncy Castle) only for the other forms. */
	private static PrivateKey privateKey(Source source, PasswordProvider passwords) {
		PrivateKey plain = source.isPem() ? JdkPem.pkcs8Key(source.bytes()) : null;
		return (plain != null) ? plain : PrivateKeys.read(source, passwords);
	}

	private static boolean isMissingOptional(Location location) {
		return location != null && location.isMissingOptional();
	}

	/** A keystore by name or magic number, or content that is neither PEM nor a DER certificate. */
	private static boolean isKeyStore(Source certfile) {
		return KeyStores.isKeyStore(certfile)
				|| (!certfile.isPem() && Certificates.fromDer(certfile.bytes()).isEmpty());
	}

	private static KeyMaterial fromKeyStore(Source certfile, MaterialOptions options) {
		char[] password = options.password().password(certfile.name());
		try {
			KeyStore store = KeyStores.load(certfile, password);
			String alias = chooseAlias(store, options.keyalias(), certfile);
			char[] keyPassword = (password != null) ? password : new char[0];
			PrivateKey key = (PrivateKey) store.getKey(alias, keyPassword);
			Certificate[] chain = store.getCertificateChain(alias);
			List<X509Certificate> certificates = Arrays.stream(chain).map(X509Certificate.class::cast).toList();
			return assemble(key, certificates, certfile, TlsOption.CERTFILE);
		}
		catch (UnrecoverableKeyException ex) {
			throw certfile.passwordFailure("key in the keystore", password != null && password.length > 0, ex);
		}
		catch (GeneralSecurityException ex) {
			throw certfile.failure("its key entry cannot be read (" + ex.getMessage() + ").",
					"Check the keystore with keytool -list -v -keystore FILE.", ex);
		}
		finally {
			if (password != null) {
				Arrays.fill(password, '\0');
			}
		}
	}

	/** The entry named by {@code keyalias} (alias or subject CN), or the only key entry when none is named. */
	private static String chooseAlias(KeyStore store, String keyalias, Source certfile) {
		List<String> aliases = KeyStores.aliases(store, true);
		if (aliases.isEmpty()) {
			throw certfile.failure("the keystore holds no private key entry.",
					"Use a keystore with the key and its certificate, e.g. from openssl pkcs12 -export.");
		}
		if (keyalias == null && aliases.size() == 1) {
			return aliases.get(0);
		}
		if (keyalias != null) {
			for (String alias : aliases) {
				String commonName = Certificates.commonName(KeyStores.certificate(store, alias));
				if (alias.equalsIgnoreCase(keyalias) || keyalias.equals(commonName)) {
					return alias;
				}
			}
		}
		List<String> described = aliases.stream()
			.map((alias) -> alias + " (CN=" + Certificates.commonName(KeyStores.certificate(store, alias)) + ")")
			.toList();
		String problem = (keyalias != null) ? "no key entry has the alias or CN '" + keyalias + "'"
				: "the keystore holds " + aliases.size() + " key entries";
		throw new TlsConfigurationException(TlsOption.KEYALIAS, certfile.location(),
				problem + "; it has: " + String.join(", ", described) + ".",
				"Set 'keyalias' to one of these aliases or CNs.");
	}

	/** Check that the key belongs to a certificate, and put that one first, its issuers after it. */
	private static KeyMaterial assemble(PrivateKey key, List<X509Certificate> certificates, Source keySource,
			TlsOption certOption) {
		X509Certificate leaf = certificates.stream()
			.filter((certificate) -> belongTogether(key, certificate.getPublicKey()))
			.findFirst()
			.orElseThrow(() -> keySource.failure("the private key does not belong to the certificate in '" + certOption
					+ "' (" + certificates.get(0).getSubjectX500Principal().getName()
					+ "): no certificate there carries its public key.",
					"Use the key the certificate was issued for; compare "
							+ "'openssl x509 -noout -pubkey -in CERT | openssl md5' with "
							+ "'openssl pkey -pubout -in KEY | openssl md5'."));
		return new KeyMaterial(key, issuerOrder(leaf, certificates));
	}

	/** RSA by modulus; other keys by signing a random nonce and verifying it with the certificate's key. */
	private static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
		if (key instanceof RSAKey rsa) {
			return publicKey instanceof RSAKey other && rsa.getModulus().equals(other.getModulus());
		}
		String algorithm = switch (key.getAlgorithm()) {
			case "EC" -> "SHA256withECDSA";
			case "DSA" -> "SHA256withDSA";
			case "EdDSA", "Ed25519", "Ed448" -> key.getAlgorithm();
			default -> null;
		};
		if (algorithm == null) {
			// Key agreement keys (X25519, ...) cannot sign; nothing cheap tells them apart.
			return key.getAlgorithm().equals(publicKey.getAlgorithm());
		}
		try {
			byte[] nonce = new byte[32];
			RANDOM.nextBytes(nonce);
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(key);
			signer.update(nonce);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(publicKey);
			verifier.update(nonce);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return false;
		}
	}

	/** The leaf, then each issuer found among the rest; anything unrelated stays at the end, as given. */
	private static List<X509Certificate> issuerOrder(X509Certificate leaf, List<X509Certificate> certificates) {
		List<X509Certificate> rest = new ArrayList<>(certificates);
		rest.remove(leaf);
		List<X509Certificate> ordered = new ArrayList<>(List.of(leaf));
		X509Certificate current = leaf;
		while (current != null) {
			X509Certificate child = current;
			current = rest.stream()
				.filter((candidate) -> Objects.equals(candidate.getSubjectX500Principal(), child.getIssuerX500Principal()))
				.findFirst()
				.orElse(null);
			if (current != null) {
				rest.remove(current);
				ordered.add(current);
			}
		}
		ordered.addAll(rest);
		return ordered;
	}

}
