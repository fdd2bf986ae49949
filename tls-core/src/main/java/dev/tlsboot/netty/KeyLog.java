package dev.tlsboot.netty;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.internal.tcnative.SSLContext;

import dev.tlsboot.core.TlsContext;
import dev.tlsboot.core.option.TlsRole;

/**
 * Key logging for Wireshark ({@code tls.debug.keylog-file}): the secrets of every connection on an OpenSSL-provider
 * Netty channel, appended to a file in the NSS key log format that {@code SSLKEYLOGFILE} files have
 * ({@code CLIENT_RANDOM} lines for TLS 1.2, {@code CLIENT_HANDSHAKE_TRAFFIC_SECRET} and the other secrets for TLS
 * 1.3), from BoringSSL's key log callback.
 * <p>
 * <strong>Whoever can read the file can decrypt those connections.</strong> It is for debugging only; every context
 * it applies to says so at WARN. Like {@code SSLKEYLOGFILE} it is process-wide: contexts built while it is on log,
 * those built before do not. The JDK has no key log, so channels on the JDK provider, and every socket and web server
 * on the JDK, are never logged (they say so at WARN too).
 * <pre>{@code
 * try (KeyLog keyLog = KeyLog.start(Path.of("/tmp/keys.log"))) {
 *     NettySslContext server = NettySslContext.forServer(tls, NettyTlsImplementation.OPENSSL);
 *     ...
 * }
 * }</pre>
 */
public final class KeyLog implements Closeable {

	private static final System.Logger logger = System.getLogger(KeyLog.class.getName());

	private static volatile KeyLog current;

	private final Path file;

	private final OutputStream out;

	/** Closed, or a write failed: nothing more is written. */
	private boolean stopped;

	private KeyLog(Path file, OutputStream out) {
		this.file = file;
		this.out = out;
	}

	/**
	 * Log the secrets of the OpenSSL contexts built from now on to {@code file}, appending; a new file is readable by
	 * its owner only.
	 * @param file the key log file
	 * @return the key log, to {@link #close()} to stop
	 * @throws IOException when the file cannot be opened for appending
	 */
	public static synchronized KeyLog start(Path file) throws IOException {
		if (Files.notExists(file) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		KeyLog keyLog = new KeyLog(file, Files.newOutputStream(file, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND));
		current = keyLog;
		logger.log(System.Logger.Level.WARNING, () -> "TLS KEY LOGGING IS ON: the secrets of every connection on a "
				+ "Netty channel with the OpenSSL provider are written to " + file.toAbsolutePath() + ". Anyone who "
				+ "can read that file can decrypt those connections. The JDK has no key log: connections on the JDK "
				+ "are not logged.");
		return keyLog;
	}

	/** The file secrets are written to. */
	public Path file() {
		return this.file;
	}

	/** Stop logging: contexts built from now on do not log; those that did write nothing more. */
	@Override
	public synchronized void close() throws IOException {
		synchronized (KeyLog.class) {
			if (current == this) {
				current = null;
			}
		}
		this.stopped = true;
		this.out.close();
	}

	/** Called for every Netty context built: OpenSSL contexts log when key logging is on, others say they cannot. */
	static void attach(SslContext sslContext, TlsContext context, TlsRole role) {
		KeyLog keyLog = current;
		if (keyLog == null) {
			return;
		}
		String which = "context '" + context.name() + "' (" + role.name().toLowerCase(Locale.ROOT) + ")";
		if (!(sslContext instanceof ReferenceCountedOpenSslContext openSsl)) {
			logger.log(System.Logger.Level.WARNING, () -> "TLS key logging is not available for " + which
					+ " on the JDK provider: the JDK has no key log. Its connections are not written to "
					+ keyLog.file.toAbsolutePath() + ".");
			return;
		}
		try {
			if (!SSLContext.setKeyLogCallback(nativeContext(openSsl), (ssl, line) -> keyLog.write(line))) {
				throw new IllegalStateException("this OpenSSL has no key log callback");
			}
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, () -> "TLS key logging is not available for " + which + ": "
					+ ex.getMessage());
			return;
		}
		logger.log(System.Logger.Level.WARNING, () -> "TLS KEY LOGGING: the secrets of " + which + " on OpenSSL "
				+ "are written to " + keyLog.file.toAbsolutePath() + ". Anyone who can read it can decrypt them.");
	}

	/**
	 * tcnative's context, which its {@code SSLContext} functions take. Netty exposes only BoringSSL's own
	 * ({@code sslCtxPointer()}), and has no key log option of its own (4.2), so the field is read; this is a
	 * debugging aid, and says it is unavailable where that is refused.
	 */
	private static long nativeContext(ReferenceCountedOpenSslContext openSsl) throws ReflectiveOperationException {
		Field context = ReferenceCountedOpenSslContext.class.getDeclaredField("ctx");
		context.setAccessible(true);
		return context.getLong(openSsl);
	}

	/** On an event loop, mid-handshake: a failure to write is logged once, never thrown into the handshake. */
	private synchronized void write(byte[] line) {
		if (this.stopped) {
			return;
		}
		try {
			this.out.write(line);
			this.out.write('\n');
		}
		catch (IOException ex) {
			this.stopped = true;
			logger.log(System.Logger.Level.WARNING, "TLS key log " + this.file + " cannot be written; no more keys "
					+ "are logged", ex);
		}
	}

}
