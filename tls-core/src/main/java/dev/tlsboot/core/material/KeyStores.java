package dev.tlsboot.core.material;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.jspecify.annotations.Nullable;

/**
 * Opens PKCS#12 and JKS keystores with the JDK's own {@link KeyStore} implementations.
 */
final class KeyStores {

	private static final List<String> EXTENSIONS = List.of(".p12", ".pfx", ".jks", ".jceks");

	private KeyStores() {
	}

	/** Whether the content is a keystore by its name, or by its {@linkplain #type content}. */
	static boolean isKeyStore(Source source) {
		String name = (source.location() != null) ? source.location().toLowerCase(Locale.ROOT) : "";
		return EXTENSIONS.stream().anyMatch(name::endsWith) || type(source) != null;
	}

	/**
	 * The kind of keystore the content is, whatever its name: JKS or JCEKS by their magic number, PKCS#12 by its
	 * structure (a PFX). PEM and DER certificates are told apart first, so that they never wake Bouncy Castle.
	 * @param source the content
	 * @return {@code JKS}, {@code JCEKS} or {@code PKCS#12}; {@code null} when it is no keystore
	 */
	static @Nullable String type(Source source) {
		if (source.isPem()) {
			return null;
		}
		String magic = magicType(source.bytes());
		if (magic != null) {
			return magic;
		}
		return (Certificates.fromDer(source.bytes()).isEmpty() && isPkcs12(source.bytes())) ? "PKCS#12" : null;
	}

	private static boolean isPkcs12(byte[] bytes) {
		try {
			Pfx.getInstance(ASN1Primitive.fromByteArray(bytes));
			return true;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Load a keystore, telling a wrong or missing password apart from content that is no keystore.
	 * @param source the keystore content
	 * @param password the store password, or {@code null} to read it without checking its integrity
	 * @return the loaded keystore
	 * @throws dev.tlsboot.core.option.TlsConfigurationException when it cannot be opened
	 */
	static KeyStore load(Source source, char @Nullable [] password) {
		String magic = magicType(source.bytes());
		String type = (magic != null) ? magic : "PKCS12";
		try {
			KeyStore store = KeyStore.getInstance(type);
			store.load(new ByteArrayInputStream(source.bytes()), password);
			return store;
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof UnrecoverableKeyException) {
				throw source.passwordFailure("keystore", password != null && password.length > 0, ex);
			}
			throw source.failure("it is no PEM or DER certificate file, and no PKCS#12 or JKS keystore either ("
					+ ex.getMessage() + ").", "Check the file; openssl pkcs12 -info -in FILE shows a PKCS#12 store.",
					ex);
		}
		catch (GeneralSecurityException ex) {
			throw source.failure("the " + type + " keystore cannot be read (" + ex.getMessage() + ").",
					"Check the file with keytool -list -keystore FILE.", ex);
		}
	}

	/**
	 * The aliases of one kind of entry, sorted (a store's own order is arbitrary).
	 * @param store the keystore
	 * @param privateKeys private key entries when {@code true} (secret keys are never wanted), trusted certificate
	 * entries otherwise
	 * @return the aliases
	 */
	static List<String> aliases(KeyStore store, boolean privateKeys) {
		List<String> aliases = new ArrayList<>();
		try {
			for (String alias : Collections.list(store.aliases())) {
				Class<? extends KeyStore.Entry> type = privateKeys ? KeyStore.PrivateKeyEntry.class
						: KeyStore.TrustedCertificateEntry.class;
				if (store.entryInstanceOf(alias, type)) {
					aliases.add(alias);
				}
			}
		}
		catch (KeyStoreException ex) {
			throw new IllegalStateException("A loaded keystore refused to list its aliases", ex);
		}
		aliases.sort(null);
		return aliases;
	}

	/**
	 * Every certificate of a keystore, for trust: trusted certificate entries, then the certificates of key entries.
	 * @param source the keystore content
	 * @param password the store password, or {@code null} to read what can be read without one
	 * @return at least one certificate
	 * @throws dev.tlsboot.core.option.TlsConfigurationException when it cannot be opened or holds no certificate
	 */
	static List<X509Certificate> certificates(Source source, char @Nullable [] password) {
		KeyStore store = load(source, password);
		List<String> aliases = new ArrayList<>(aliases(store, false));
		aliases.addAll(aliases(store, true));
		List<X509Certificate> certificates = aliases.stream()
			.map((alias) -> certificate(store, alias))
			.filter(Objects::nonNull)
			.toList();
		if (certificates.isEmpty()) {
			throw source.failure("the keystore holds no certificate"
					+ ((password == null) ? " that can be read without a password." : "."),
					(password == null) ? "Set 'password' to the keystore's password."
							: "Add the CA certificates to it, e.g. keytool -importcert -keystore FILE -file CA.pem.");
		}
		return certificates;
	}

	/** The certificate of an entry, or {@code null} when it has none or it is not X.509. */
	static @Nullable X509Certificate certificate(KeyStore store, String alias) {
		try {
			Certificate certificate = store.getCertificate(alias);
			return (certificate instanceof X509Certificate x509) ? x509 : null;
		}
		catch (KeyStoreException ex) {
			throw new IllegalStateException("A loaded keystore refused an entry", ex);
		}
	}

	private static String magicType(byte[] bytes) {
		if (bytes.length < 4) {
			return null;
		}
		int magic = ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
		return switch (magic) {
			case 0xFEEDFEED -> "JKS";
			case 0xCECECECE -> "JCEKS";
			default -> null;
		};
	}

}
