package dev.tlsboot.core;

import java.io.IOException;
import java.net.Socket;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * An SSLServerSocket that passes each accepted socket through a function before handing it out (to observe it, or to
 * prepare it for its provider); everything else is the provider's server socket's own.
 */
final class AcceptingServerSocket extends ForwardingSslServerSocket {

	private final UnaryOperator<SSLSocket> onAccept;

	AcceptingServerSocket(SSLServerSocket delegate, UnaryOperator<SSLSocket> onAccept) throws IOException {
		super(delegate);
		this.onAccept = onAccept;
	}

	@Override
	public Socket accept() throws IOException {
		return this.onAccept.apply((SSLSocket) this.delegate.accept());
	}

}
