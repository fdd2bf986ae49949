package dev.tlsboot.core;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import dev.tlsboot.core.material.KeyMaterial;

/**
 * A key manager for exactly one key and chain, so that keys go straight from PEM to the handshake without a detour
 * through a keystore. Like OpenSSL, a client sends its certificate whatever CA names the server lists: the server
 * decides.
 */
final class SingleKeyManager extends X509ExtendedKeyManager {

	static final String ALIAS = "tls-boot";

	private final KeyMaterial material;

	private final X509Certificate[] chain;

	SingleKeyManager(KeyMaterial material) {
		this.material = material;
		this.chain = material.chain().toArray(X509Certificate[]::new);
	}

	@Override
	public String[] getClientAliases(String keyType, Principal[] issuers) {
		return fits(keyType) ? new String[] { ALIAS } : null;
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
		return fits(keyType) ? ALIAS : null;
	}

	@Override
	public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
		return fits(keyType) ? ALIAS : null;
	}

	@Override
	public X509Certificate[] getCertificateChain(String alias) {
		return ALIAS.equals(alias) ? this.chain.clone() : null;
	}

	@Override
	public PrivateKey getPrivateKey(String alias) {
		return ALIAS.equals(alias) ? this.material.privateKey() : null;
	}

	private String chooseClient(String[] keyTypes) {
		if (keyTypes != null) {
			for (String keyType : keyTypes) {
				if (fits(keyType)) {
					return ALIAS;
				}
			}
		}
		return null;
	}

	/** JSSE asks for "RSA", "RSASSA-PSS", "EC" or "EdDSA"; an RSA key serves both RSA forms. */
	private boolean fits(String keyType) {
		String algorithm = this.material.privateKey().getAlgorithm();
		if (keyType == null || keyType.equalsIgnoreCase(algorithm)) {
			return true;
		}
		return switch (algorithm) {
			case "RSA" -> keyType.equals("RSASSA-PSS");
			case "Ed25519", "Ed448", "EdDSA" -> keyType.equals("EdDSA") || keyType.equals("Ed25519")
					|| keyType.equals("Ed448");
			default -> false;
		};
	}

}
