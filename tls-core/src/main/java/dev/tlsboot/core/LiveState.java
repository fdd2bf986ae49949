package dev.tlsboot.core;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.X509ExtendedKeyManager;

import dev.tlsboot.core.material.KeyMaterial;
import dev.tlsboot.core.material.TlsMaterial;
import dev.tlsboot.core.option.TlsConfigurationException;
import dev.tlsboot.core.option.TlsOption;

/**
 * The state of one context over its life: made at build, or, for a context of the default options, on first use;
 * then swapped by each reload, which serves the new material from the context's own key and trust managers and tells
 * the reload listeners.
 */
final class LiveState {

	private static final System.Logger logger = System.getLogger(TlsContext.class.getName());

	private final TlsContext context;

	private final TlsContext.Builder origin;

	private final ContextKeyManager ownKey;

	private final X509ExtendedKeyManager keyManager;

	private final List<Consumer<TlsContext>> reloadListeners = new CopyOnWriteArrayList<>();

	/** {@code null} until a deferred context is first used. */
	private volatile ContextState state;

	LiveState(TlsContext context, TlsContext.Builder origin, ContextKeyManager ownKey,
			X509ExtendedKeyManager keyManager) {
		this.context = context;
		this.origin = origin;
		this.ownKey = ownKey;
		this.keyManager = keyManager;
	}

	/** Make the state from {@code material} now, at build, so that bad input fails there. */
	void start(TlsMaterial material) {
		make(material);
	}

	/** The state, made now if the context was deferred: once, by the first thread that needs it. */
	ContextState get() {
		ContextState current = this.state;
		if (current == null) {
			synchronized (this) {
				current = this.state;
				if (current == null) {
					current = make(TlsMaterial.load(this.origin.options));
				}
			}
		}
		return current;
	}

	boolean isStarted() {
		return this.state != null;
	}

	/** Make the state and put it in place: the log line describes the context with it. */
	private ContextState make(TlsMaterial material) {
		ContextState made = ContextState.make(this.origin, this.keyManager, material);
		this.state = made;
		logger.log((this.origin.options.provider() != TlsImplementation.JDK) ? System.Logger.Level.INFO
				: System.Logger.Level.DEBUG, () -> "Built " + this.context);
		return made;
	}

	/** Serve {@code next} from the next handshake on, after the checks {@link TlsContext#reload()} describes. */
	synchronized void reload(TlsMaterial next) {
		ContextState current = get();
		TlsOptions options = this.origin.options;
		ContextState.checkOwnCertificate(next.key(), current.parameters().securityLevel(), options);
		CertificateValidity.checkAtReload(next.key(), options);
		this.ownKey.load(next.key(), next.trustAnchors());
		current.trustManager().trust(next.trustAnchors(), next.crls());
		this.state = current.with(next);
		// A resumed session keeps the certificates of the handshake that made it: without this, a client's next
		// connection would resume and show the server its old certificate.
		forgetSessions(current.sslContext().getClientSessionContext());
		logger.log(System.Logger.Level.INFO, () -> "Reloaded " + this.context);
		this.reloadListeners.forEach((listener) -> listener.accept(this.context));
	}

	void onReload(Consumer<TlsContext> listener) {
		this.reloadListeners.add(listener);
	}

	/** Invalidate every session of {@code sessions}, so that no later handshake resumes one. */
	static void forgetSessions(SSLSessionContext sessions) {
		if (sessions == null) {
			return;
		}
		try {
			for (Enumeration<byte[]> ids = sessions.getIds(); ids.hasMoreElements();) {
				SSLSession session = sessions.getSession(ids.nextElement());
				if (session != null) {
					session.invalidate();
				}
			}
		}
		catch (UnsupportedOperationException ex) {
			// Conscrypt's sessions refuse invalidate(), but its cache drops sessions whenever it is made smaller:
			// shrunk to one and then to none (a size that otherwise means no limit), it is empty.
			int size = sessions.getSessionCacheSize();
			sessions.setSessionCacheSize(1);
			sessions.setSessionCacheSize(0);
			sessions.setSessionCacheSize(size);
		}
	}

}
