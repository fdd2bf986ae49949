package dev.tlsboot.autoconfigure.acme;

import java.util.Optional;
import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

import dev.tlsboot.core.acme.AcmeCertificateManager;
import dev.tlsboot.core.acme.AcmeStatus;
import dev.tlsboot.core.option.TlsConfigurationException;

/**
 * The ACME certificate manager of the application's {@code tls.acme} context, if enabled: made while the context's
 * beans are created (so the web server's connections can answer tls-alpn-01 from the first), started after the web
 * server, so the CA finds it listening and the http-01 listener redirects to the port the server took, and
 * stopped before it.
 */
public class TlsAcme implements SmartLifecycle {

	private final @Nullable AcmeCertificateManager manager;

	private final IntSupplier httpsPort;

	private volatile boolean running;

	TlsAcme(@Nullable AcmeCertificateManager manager, IntSupplier httpsPort) {
		this.manager = manager;
		this.httpsPort = httpsPort;
	}

	/**
	 * @return the name of the context ACME manages and what it did, or empty when {@code tls.acme} is off
	 */
	public Optional<Managed> managed() {
		return Optional.ofNullable(this.manager).map((found) -> new Managed(found.context().name(), found.status()));
	}

	/**
	 * What ACME did for a context.
	 * @param acme the ACME bean, or {@code null} when there is none
	 * @param context a context's name
	 * @return the status, or {@code null} when ACME does not manage that context
	 */
	public static @Nullable AcmeStatus statusOf(@Nullable TlsAcme acme, String context) {
		return (acme != null) ? acme.managed()
			.filter((managed) -> managed.context().equals(context))
			.map(Managed::status)
			.orElse(null) : null;
	}

	/**
	 * One ACME-managed context.
	 *
	 * @param context the context's name
	 * @param status what ACME did for it
	 */
	public record Managed(String context, AcmeStatus status) {
	}

	@Override
	public void start() {
		if (this.manager != null) {
			try {
				this.manager.start(this.httpsPort.getAsInt());
			}
			catch (TlsConfigurationException ex) {
				throw TlsAcmeProperties.named(ex);
			}
		}
		this.running = true;
	}

	@Override
	public void stop() {
		if (this.manager != null) {
			this.manager.close();
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** After the web server starts (its phase is lower), before it stops. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1;
	}

}
