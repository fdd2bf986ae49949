package dev.tlsboot.autoconfigure.reload;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;

import dev.tlsboot.core.TlsContext;

/**
 * A context's files changed and were read: {@link #isRefused() refused} (the context keeps serving its current
 * material) or now served from the next handshake on.
 */
public class TlsContextReloadedEvent extends ApplicationEvent {

	private final transient TlsContext context;

	private final String refusal;

	TlsContextReloadedEvent(TlsContext context, String refusal) {
		super(context.name());
		this.context = context;
		this.refusal = refusal;
	}

	/** The context. */
	public TlsContext getContext() {
		return this.context;
	}

	/** Whether the new material was refused. */
	public boolean isRefused() {
		return this.refusal != null;
	}

	/** Why it was refused, naming the option and file; {@code null} when it was not. */
	public @Nullable String getRefusal() {
		return this.refusal;
	}

}
