package dev.tlsboot.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.net.ssl.X509ExtendedKeyManager;

import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.option.TlsRole;

/**
 * Builds a {@link TlsContext} from its builder: checks what the options alone cannot, loads the material, makes the
 * key managers, starts the context now unless it can wait for first use, and has a variant follow the reloads of the
 * contexts it was derived from.
 */
final class ContextFactory {

	private ContextFactory() {
	}

	static TlsContext build(TlsContext.Builder builder) {
		TlsOptions options = builder.options;
		if (options.postHandshake()) {
			throw new TlsConfigurationException(TlsOption.POST_HANDSHAKE, null,
					"the JDK's TLS does not implement TLS 1.3 post-handshake authentication.",
					"Leave 'post-handshake' off and ask for the client certificate in the handshake "
							+ "with 'request' and 'require'.");
		}
		checkClientCertificateTrust(options, builder.trustGiven);
		// Nothing set, nothing to check: the expensive part (the system trust store, JSSE's start) waits for first use.
		boolean deferred = builder.material == null && options.equals(TlsOptions.defaults());
		TlsMaterial material = deferred ? null
				: (builder.material != null) ? builder.material : TlsMaterial.load(options);
		if (material != null) {
			CertificateValidity.checkAtBuild(builder.name, material.key(), options, builder.materialInMemory);
		}
		ContextKeyManager ownKey = (material != null)
				? new ContextKeyManager(material.key(), material.trustAnchors(), options.ocspStapling())
				: new ContextKeyManager(null, List.of(), false);
		TlsContext.Builder origin = builder.copy(options, null);
		if (origin.acmeTlsChallenges == null) {
			origin.acmeTlsChallenges = new AcmeTlsChallenges();
		}
		TlsContext context = new TlsContext(origin, ownKey,
				new AcmeTlsKeyManager(keyManager(ownKey, builder.serverNames), origin.acmeTlsChallenges));
		if (!deferred) {
			context.start(material);
		}
		if (builder.parent != null) {
			follow(context, builder.parent, builder.certificateSource);
		}
		return context;
	}

	/**
	 * A server that asks for client certificates and names no CA would trust the system store's public CAs for
	 * them: never what turning on mutual TLS means, so only an explicit {@code castore} allows it. Trust handed in as
	 * material is the caller's choice.
	 */
	private static void checkClientCertificateTrust(TlsOptions options, boolean trustGiven) {
		boolean asks = options.request(TlsRole.SERVER) || options.require(TlsRole.SERVER);
		if (options.server() && asks && !options.hasExplicitTrust() && !trustGiven) {
			TlsOption option = options.require(TlsRole.SERVER) ? TlsOption.REQUIRE : TlsOption.REQUEST;
			throw new TlsConfigurationException(option, null,
					"a server that asks for client certificates names no CA to check them against, so every public "
							+ "CA of the system trust store could vouch for a client.",
					"Set 'cafile' (or 'cadir') to the CA that issues your clients' certificates; to accept clients "
							+ "of every public CA on purpose, set 'castore' to 'system'.");
		}
	}

	private static X509ExtendedKeyManager keyManager(ContextKeyManager own, Map<String, TlsContext> serverNames) {
		if (serverNames.isEmpty()) {
			return own;
		}
		Map<String, X509ExtendedKeyManager> managers = new LinkedHashMap<>();
		serverNames.forEach((pattern, context) -> {
			if (context.keyMaterial().isEmpty()) {
				throw new IllegalArgumentException("TLS context '" + context.name() + "' is mapped to server name '"
						+ pattern + "' but has no certificate");
			}
			managers.put(pattern, context.ownKey());
		});
		return new SniKeyManager(managers, own);
	}

	/**
	 * A variant serves what its parent serves, also after the parent reloads its files; one serving another context's
	 * certificate keeps serving that one's, also after either reloads.
	 */
	private static void follow(TlsContext variant, TlsContext parent, TlsContext certificateSource) {
		TlsContext keys = (certificateSource != null) ? certificateSource : parent;
		Consumer<TlsContext> follow = (reloaded) -> variant
			.reload(new TlsMaterial(keys.keyMaterial().orElse(null), parent.trustAnchors(), parent.crls()));
		parent.onReload(follow);
		if (keys != parent) {
			keys.onReload(follow);
		}
	}

}
