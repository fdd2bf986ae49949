package dev.tlsboot.core;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

import dev.tlsboot.core.material.KeyMaterial;

/**
 * Server-side SNI for every JSSE consumer: picks the certificate by the name the client asked for (exact, then the
 * longest {@code *.domain}, then the fallback), so one port serves several names with their own certificates.
 * Tomcat, Jetty and plain server sockets get SNI from the SSLContext alone.
 */
final class SniKeyManager extends X509ExtendedKeyManager {

	private static final String ALIAS_PREFIX = "sni-";

	/** One manager per distinct key; an alias is its index. */
	private final List<SingleKeyManager> managers = new ArrayList<>();

	private final HostPatterns<Integer> byHost;

	SniKeyManager(Map<String, KeyMaterial> keysByHost, KeyMaterial fallback) {
		Map<KeyMaterial, Integer> indexes = new IdentityHashMap<>();
		Map<String, Integer> patterns = new LinkedHashMap<>();
		keysByHost.forEach((pattern, key) -> patterns.put(pattern, indexOf(key, indexes)));
		this.byHost = HostPatterns.of(patterns, (fallback != null) ? indexOf(fallback, indexes) : null);
	}

	private int indexOf(KeyMaterial key, Map<KeyMaterial, Integer> indexes) {
		return indexes.computeIfAbsent(key, (added) -> {
			this.managers.add(new SingleKeyManager(added));
			return this.managers.size() - 1;
		});
	}

	@Override
	public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
		SSLSession session = (socket instanceof SSLSocket ssl) ? ssl.getHandshakeSession() : null;
		return choose(keyType, session);
	}

	@Override
	public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
		return choose(keyType, (engine != null) ? engine.getHandshakeSession() : null);
	}

	private String choose(String keyType, SSLSession handshake) {
		Integer index = this.byHost.resolve(requestedName(handshake));
		if (index == null || this.managers.get(index).chooseServerAlias(keyType, null, null) == null) {
			return null;
		}
		return ALIAS_PREFIX + index;
	}

	private static String requestedName(SSLSession handshake) {
		if (handshake instanceof ExtendedSSLSession extended) {
			for (SNIServerName name : extended.getRequestedServerNames()) {
				if (name instanceof SNIHostName host) {
					return host.getAsciiName();
				}
			}
		}
		return null;
	}

	@Override
	public X509Certificate[] getCertificateChain(String alias) {
		SingleKeyManager manager = manager(alias);
		return (manager != null) ? manager.getCertificateChain(SingleKeyManager.ALIAS) : null;
	}

	@Override
	public PrivateKey getPrivateKey(String alias) {
		SingleKeyManager manager = manager(alias);
		return (manager != null) ? manager.getPrivateKey(SingleKeyManager.ALIAS) : null;
	}

	@Override
	public String[] getServerAliases(String keyType, Principal[] issuers) {
		List<String> aliases = new ArrayList<>();
		for (int i = 0; i < this.managers.size(); i++) {
			if (this.managers.get(i).getServerAliases(keyType, issuers) != null) {
				aliases.add(ALIAS_PREFIX + i);
			}
		}
		return aliases.toArray(String[]::new);
	}

	private SingleKeyManager manager(String alias) {
		if (alias == null || !alias.startsWith(ALIAS_PREFIX)) {
			return null;
		}
		int index = Integer.parseInt(alias.substring(ALIAS_PREFIX.length()));
		return (index < this.managers.size()) ? this.managers.get(index) : null;
	}

	// A server's SNI key manager has no client identity: client certificates come from the context's own key.

	@Override
	public String[] getClientAliases(String keyType, Principal[] issuers) {
		return null;
	}

	@Override
	public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
		return null;
	}

	@Override
	public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
		return null;
	}

}
