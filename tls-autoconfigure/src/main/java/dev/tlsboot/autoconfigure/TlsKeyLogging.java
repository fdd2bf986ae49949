package dev.tlsboot.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.util.ClassUtils;

import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.netty.KeyLog;

/**
 * {@code tls.debug.keylog-file}: refused under a {@code prod} profile unless {@code tls.debug.allow-in-production},
 * else started before any context is built (so that every Netty context on OpenSSL logs, and says so), and stopped
 * with the application context.
 */
final class TlsKeyLogging implements DisposableBean {

	private static final Log logger = LogFactory.getLog(TlsKeyLogging.class);

	private static final boolean NETTY_PRESENT = ClassUtils.isPresent("io.netty.internal.tcnative.SSLContext",
			TlsKeyLogging.class.getClassLoader());

	/** The running key log, or {@code null}; typed loosely so that this class loads without Netty. */
	private final AutoCloseable keyLog;

	private TlsKeyLogging(AutoCloseable keyLog) {
		this.keyLog = keyLog;
	}

	static TlsKeyLogging start(TlsProperties.Debug debug, Environment environment) {
		Path file = debug.getKeylogFile();
		if (file == null) {
			return new TlsKeyLogging(null);
		}
		if (environment.acceptsProfiles(Profiles.of("prod")) && !debug.isAllowInProduction()) {
			throw new TlsConfigurationException("tls.debug.keylog-file", file.toString(),
					"key logging writes the secrets of every OpenSSL connection to a file, and a 'prod' profile is "
							+ "active.",
					"Remove 'tls.debug.keylog-file'; only if you must decrypt production traffic, also set "
							+ "'tls.debug.allow-in-production=true'.");
		}
		if (!NETTY_PRESENT) {
			logger.warn("tls.debug.keylog-file is set, but nothing can be logged: only Netty channels on OpenSSL "
					+ "(netty-tcnative) are, and Netty is not here. The JDK has no key log.");
			return new TlsKeyLogging(null);
		}
		return new TlsKeyLogging(NettyKeyLog.start(file));
	}

	@Override
	public void destroy() throws Exception {
		if (this.keyLog != null) {
			this.keyLog.close();
		}
	}

	/** Loaded only when Netty is present. */
	private static final class NettyKeyLog {

		static AutoCloseable start(Path file) {
			try {
				return KeyLog.start(file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("tls.debug.keylog-file '" + file + "' cannot be opened for appending",
						ex);
			}
		}

	}

}
