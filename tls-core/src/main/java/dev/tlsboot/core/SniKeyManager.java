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

import dev.tlsboot.core.internal.HostPatterns;

/**
 * Server-side SNI for every JSSE consumer: picks the key manager by the name the client asked for (exact, then the
 * longest {@code *.domain}, then the fallback), so one port serves several names with their own certificates.
 * Tomcat, Jetty and plain server sockets get SNI from the SSLContext alone. The key managers are the mapped contexts'
 * own, so a context that reloads its certificate serves the new one here too.
 */
final class SniKeyManager extends X509ExtendedKeyManager {

	/** An alias is {@code sni-<index of the manager>:<the manager's own alias>}. */
	private static final String ALIAS_PREFIX = "sni-";

	private final List<X509ExtendedKeyManager> managers = new ArrayList<>();

	private final HostPatterns<Integer> byHost;

	private final X509ExtendedKeyManager fallback;

	SniKeyManager(Map<String, X509ExtendedKeyManager> managersByHost, X509ExtendedKeyManager fallback) {
		Map<X509ExtendedKeyManager, Integer> indexes = new IdentityHashMap<>();
		Map<String, Integer> patterns = new LinkedHashMap<>();
		managersByHost.forEach((pattern, manager) -> patterns.put(pattern, indexOf(manager, indexes)));
		this.byHost = HostPatterns.of(patterns, indexOf(fallback, indexes));
		this.fallback = fallback;
	}

	private int indexOf(X509ExtendedKeyManager manager, Map<X509ExtendedKeyManager, Integer> indexes) {
		return indexes.computeIfAbsent(manager, (added) -> {
			this.managers.add(added);
			return this.managers.size() - 1;
		});
	}

	@Override
	public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
		SSLSession session = (socket instanceof SSLSocket ssl) ? ssl.getHandshakeSession() : null;
		return choose(keyType, issuers, session);
	}

	@Override
	public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
		return choose(keyType, issuers, (engine != null) ? engine.getHandshakeSession() : null);
	}

	private String choose(String keyType, Principal[] issuers, SSLSession handshake) {
		Integer index = this.byHost.resolve(requestedName(handshake));
		if (index == null) {
			return null;
		}
		String alias = this.managers.get(index).chooseServerAlias(keyType, issuers, null);
		return (alias != null) ? ALIAS_PREFIX + index + ":" + alias : null;
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
		int colon = separator(alias);
		return (colon > 0) ? manager(alias, colon).getCertificateChain(alias.substring(colon + 1))
				: this.fallback.getCertificateChain(alias);
	}

	@Override
	public PrivateKey getPrivateKey(String alias) {
		int colon = separator(alias);
		return (colon > 0) ? manager(alias, colon).getPrivateKey(alias.substring(colon + 1))
				: this.fallback.getPrivateKey(alias);
	}

	@Override
	public String[] getServerAliases(String keyType, Principal[] issuers) {
		List<String> aliases = new ArrayList<>();
		for (int i = 0; i < this.managers.size(); i++) {
			String[] own = this.managers.get(i).getServerAliases(keyType, issuers);
			for (String alias : (own != null) ? own : new String[0]) {
				aliases.add(ALIAS_PREFIX + i + ":" + alias);
			}
		}
		return aliases.isEmpty() ? null : aliases.toArray(String[]::new);
	}

	private static int separator(String alias) {
		return (alias != null && alias.startsWith(ALIAS_PREFIX)) ? alias.indexOf(':') : -1;
	}

	private X509ExtendedKeyManager manager(String alias, int colon) {
		return this.managers.get(Integer.parseInt(alias.substring(ALIAS_PREFIX.length(), colon)));
	}

	// As a client, the context presents its own certificate, the fallback's; its aliases pass through unchanged,
	// and getCertificateChain/getPrivateKey see no "sni-" prefix on them.

	@Override
	public String[] getClientAliases(String keyType, Principal[] issuers) {
		return this.fallback.getClientAliases(keyType, issuers);
	}

	@Override
	public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
		return this.fallback.chooseClientAlias(keyTypes, issuers, socket);
	}

	@Override
	public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
		return this.fallback.chooseEngineClientAlias(keyTypes, issuers, engine);
	}

}
