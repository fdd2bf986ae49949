package dev.tlsboot.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.option.TlsOption;
import dev.tlsboot.core.option.TlsProtocol;

/**
 * Copies the options a {@link ContextProperties} sets onto a {@link TlsOptions.Builder}, leaving the others as the
 * builder has them: that is how a named context inherits the default context's options.
 */
final class TlsOptionsMapper {

	private final TlsOptions.Builder builder;

	private final Set<TlsOption> applied = new LinkedHashSet<>();

	private TlsOptionsMapper(TlsOptions.Builder builder) {
		this.builder = builder;
	}

	/**
	 * Apply the options {@code properties} sets.
	 * @param properties the options of one context, {@code null} where not set
	 * @param builder the options to override
	 * @return the options set, e.g. {@code keyfile} or {@code tls1.2}
	 */
	static Set<TlsOption> apply(ContextProperties properties, TlsOptions.Builder builder) {
		TlsOptionsMapper mapper = new TlsOptionsMapper(builder);
		mapper.map(TlsOption.CAFILE, properties.getCafile(), builder::cafile);
		mapper.map(TlsOption.CADIR, properties.getCadir(), builder::cadir);
		mapper.map(TlsOption.CASTORE, properties.getCastore(), builder::castore);
		mapper.map(TlsOption.CERTFILE, properties.getCertfile(), builder::certfile);
		mapper.map(TlsOption.KEYFILE, properties.getKeyfile(), builder::keyfile);
		mapper.map(TlsOption.KEYALIAS, properties.getKeyalias(), builder::keyalias);
		mapper.map(TlsOption.PASSWORD, properties.getPassword(), builder::password);
		mapper.protocol(TlsProtocol.SSL2, properties.getSsl2());
		mapper.protocol(TlsProtocol.SSL3, properties.getSsl3());
		mapper.protocol(TlsProtocol.TLS1, properties.getTls1());
		mapper.protocol(TlsProtocol.TLS1_1, properties.getTls11());
		mapper.protocol(TlsProtocol.TLS1_2, properties.getTls12());
		mapper.protocol(TlsProtocol.TLS1_3, properties.getTls13());
		mapper.map(TlsOption.CIPHER, properties.getCipher(), builder::cipher);
		mapper.map(TlsOption.CIPHERSUITES, properties.getCiphersuites(), builder::ciphersuites);
		mapper.map(TlsOption.GROUPS, properties.getGroups(), builder::groups);
		mapper.map(TlsOption.PROVIDER, properties.getProvider(), builder::provider);
		mapper.map(TlsOption.ALPN, properties.getAlpn(), builder::alpn);
		mapper.map(TlsOption.SERVERNAME, properties.getServername(), builder::servername);
		mapper.map(TlsOption.AUTOSERVERNAME, properties.getAutoservername(), builder::autoservername);
		mapper.map(TlsOption.REQUEST, properties.getRequest(), builder::request);
		mapper.map(TlsOption.REQUIRE, properties.getRequire(), builder::require);
		mapper.map(TlsOption.SECURITY_LEVEL, properties.getSecurityLevel(), builder::securityLevel);
		mapper.map(TlsOption.HANDSHAKE_TIMEOUT, properties.getHandshakeTimeout(), builder::handshakeTimeout);
		mapper.map(TlsOption.POST_HANDSHAKE, properties.getPostHandshake(), builder::postHandshake);
		mapper.map(TlsOption.CRLFILE, properties.getCrlfile(), builder::crlfile);
		mapper.map(TlsOption.REVOCATION, properties.getRevocation(), builder::revocation);
		mapper.map(TlsOption.REVOCATION_SCOPE, properties.getRevocationScope(), builder::revocationScope);
		mapper.map(TlsOption.REVOCATION_TIMEOUT, properties.getRevocationTimeout(), builder::revocationTimeout);
		mapper.map(TlsOption.REVOCATION_OCSP, properties.getRevocationOcsp(), builder::revocationOcsp);
		mapper.map(TlsOption.REVOCATION_CRLDP, properties.getRevocationCrldp(), builder::revocationCrldp);
		mapper.map(TlsOption.OCSP_RESPONDER, properties.getOcspResponder(), builder::ocspResponder);
		return mapper.applied;
	}

	private void protocol(TlsProtocol protocol, @Nullable Boolean enabled) {
		map(protocol.option(), enabled, (on) -> this.builder.protocol(protocol, on));
	}

	private <T> void map(TlsOption option, @Nullable T value, Consumer<T> setter) {
		if (value != null) {
			setter.accept(value);
			this.applied.add(option);
		}
	}

}
