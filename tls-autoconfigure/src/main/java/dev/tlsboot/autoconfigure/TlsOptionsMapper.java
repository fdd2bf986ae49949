package dev.tlsboot.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

import dev.tlsboot.core.TlsOptions;
import dev.tlsboot.core.TlsProtocol;

/**
 * Copies the options a {@link ContextProperties} sets onto a {@link TlsOptions.Builder}, leaving the others as the
 * builder has them: that is how a named context inherits the default context's options.
 */
final class TlsOptionsMapper {

	private final TlsOptions.Builder builder;

	private final Set<String> applied = new LinkedHashSet<>();

	private TlsOptionsMapper(TlsOptions.Builder builder) {
		this.builder = builder;
	}

	/**
	 * Apply the options {@code properties} sets.
	 * @param properties the options of one context, {@code null} where not set
	 * @param builder the options to override
	 * @return the TclTLS names of the options set, e.g. {@code keyfile} or {@code tls1.2}
	 */
	static Set<String> apply(ContextProperties properties, TlsOptions.Builder builder) {
		TlsOptionsMapper mapper = new TlsOptionsMapper(builder);
		mapper.map("cafile", properties.getCafile(), builder::cafile);
		mapper.map("cadir", properties.getCadir(), builder::cadir);
		mapper.map("castore", properties.getCastore(), builder::castore);
		mapper.map("certfile", properties.getCertfile(), builder::certfile);
		mapper.map("keyfile", properties.getKeyfile(), builder::keyfile);
		mapper.map("keyalias", properties.getKeyalias(), builder::keyalias);
		mapper.map("password", properties.getPassword(), builder::password);
		mapper.protocol(TlsProtocol.SSL2, properties.getSsl2());
		mapper.protocol(TlsProtocol.SSL3, properties.getSsl3());
		mapper.protocol(TlsProtocol.TLS1, properties.getTls1());
		mapper.protocol(TlsProtocol.TLS1_1, properties.getTls11());
		mapper.protocol(TlsProtocol.TLS1_2, properties.getTls12());
		mapper.protocol(TlsProtocol.TLS1_3, properties.getTls13());
		mapper.map("cipher", properties.getCipher(), builder::cipher);
		mapper.map("ciphersuites", properties.getCiphersuites(), builder::ciphersuites);
		mapper.map("groups", properties.getGroups(), builder::groups);
		mapper.map("provider", properties.getProvider(), builder::provider);
		mapper.map("alpn", properties.getAlpn(), builder::alpn);
		mapper.map("servername", properties.getServername(), builder::servername);
		mapper.map("autoservername", properties.getAutoservername(), builder::autoservername);
		mapper.map("request", properties.getRequest(), builder::request);
		mapper.map("require", properties.getRequire(), builder::require);
		mapper.map("security-level", properties.getSecurityLevel(), builder::securityLevel);
		mapper.map("handshake-timeout", properties.getHandshakeTimeout(), builder::handshakeTimeout);
		mapper.map("post-handshake", properties.getPostHandshake(), builder::postHandshake);
		return mapper.applied;
	}

	private void protocol(TlsProtocol protocol, Boolean enabled) {
		map(protocol.option(), enabled, (on) -> this.builder.protocol(protocol, on));
	}

	private <T> void map(String option, T value, Consumer<T> setter) {
		if (value != null) {
			setter.accept(value);
			this.applied.add(option);
		}
	}

}
