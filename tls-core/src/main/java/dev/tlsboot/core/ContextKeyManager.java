package dev.tlsboot.core;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.internal.Issuers;
import dev.tlsboot.core.material.KeyMaterial;
import dev.tlsboot.core.status.CertificateInfo;

/**
 * A context's own key manager: one key and chain, straight from the parsed material (no detour through a keystore),
 * replaced whole when the context reloads. Like OpenSSL, a client sends its certificate whatever CA names the server
 * lists: the server decides.
 * <p>
 * Each key gets a new alias, so caches keyed by alias (Netty's OpenSSL key material cache) never serve an old key,
 * and the previous key still answers, so a handshake that chose its alias just before a reload completes.
 */
final class ContextKeyManager extends X509ExtendedKeyManager {

	private static final String ALIAS_PREFIX = "tls-boot-";

	/** A key with its alias; {@code null} material for a context without a certificate. */
	private record Entry(String alias, KeyMaterial material, X509Certificate[] chain) {

		static Entry of(long generation, @Nullable KeyMaterial material, @Nullable List<X509Certificate> issuers) {
			if (material == null) {
				return new Entry(ALIAS_PREFIX + generation, null, null);
			}
			List<X509Certificate> chain = new ArrayList<>(material.chain());
			boolean alone = chain.size() == 1 && !CertificateInfo.isSelfSigned(chain.get(0));
			X509Certificate issuer = (issuers != null && alone) ? Issuers.issuerOf(chain.get(0), issuers) : null;
			if (issuer != null) {
				chain.add(issuer);
			}
			return new Entry(ALIAS_PREFIX + generation, material, chain.toArray(X509Certificate[]::new));
		}

		boolean fits(String keyType) {
			if (this.material == null) {
				return false;
			}
			String algorithm = this.material.privateKey().getAlgorithm();
			if (keyType == null || keyType.equalsIgnoreCase(algorithm)) {
				return true;
			}
			// JSSE asks for "RSA", "RSASSA-PSS", "EC" or "EdDSA"; an RSA key serves both RSA forms.
			return switch (algorithm) {
				case "RSA" -> keyType.equals("RSASSA-PSS");
				case "Ed25519", "Ed448", "EdDSA" -> keyType.equals("EdDSA") || keyType.equals("Ed25519")
						|| keyType.equals("Ed448");
				default -> false;
			};
		}

	}

	/**
	 * Whether a certificate served alone gets its issuer from the trust anchors appended: the JDK staples OCSP
	 * responses only for a chain that holds the issuer ({@code ocsp-stapling}).
	 */
	private final boolean withIssuer;

	private long generation;

	private volatile Entry current;

	private volatile Entry previous;

	/**
	 * @param material the key and chain to serve, or {@code null}
	 * @param anchors the trust anchors, where an issuer missing from the chain is found
	 * @param withIssuer whether a certificate served alone is served with its issuer
	 */
	ContextKeyManager(@Nullable KeyMaterial material, List<X509Certificate> anchors, boolean withIssuer) {
		this.withIssuer = withIssuer;
		this.current = Entry.of(0, material, withIssuer ? anchors : null);
	}

	/** Serve {@code material} from the next handshake on; {@code null} for none. */
	synchronized void load(@Nullable KeyMaterial material, List<X509Certificate> anchors) {
		this.previous = this.current;
		this.current = Entry.of(++this.generation, material, this.withIssuer ? anchors : null);
	}

	/** The key and chain served now, or {@code null}. */
	@Nullable KeyMaterial material() {
		return this.current.material();
	}

	private Entry entry(String alias) {
		Entry now = this.current;
		if (now.alias().equals(alias)) {
			return now;
		}
		Entry before = this.previous;
		return (before != null && before.alias().equals(alias)) ? before : null;
	}

	@Override
	public String[] getClientAliases(String keyType, Principal[] issuers) {
		Entry now = this.current;
		return now.fits(keyType) ? new String[] { now.alias() } : null;
	}

	@Override
	public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
		return chooseClient(keyTypes);
	}

	@Override
	public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
		return chooseClient(keyTypes);
	}

	@Override
	public String[] getServerAliases(String keyType, Principal[] issuers) {
		return getClientAliases(keyType, issuers);
	}

	@Override
	public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
		Entry now = this.current;
		return now.fits(keyType) ? now.alias() : null;
	}

	@Override
	public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
		return chooseServerAlias(keyType, issuers, null);
	}

	@Override
	public X509Certificate[] getCertificateChain(String alias) {
		Entry entry = entry(alias);
		return (entry != null && entry.chain() != null) ? entry.chain().clone() : null;
	}

	@Override
	public PrivateKey getPrivateKey(String alias) {
		Entry entry = entry(alias);
		return (entry != null && entry.material() != null) ? entry.material().privateKey() : null;
	}

	private String chooseClient(String[] keyTypes) {
		Entry now = this.current;
		if (keyTypes != null) {
			for (String keyType : keyTypes) {
				if (now.fits(keyType)) {
					return now.alias();
				}
			}
		}
		return null;
	}

}
