package dev.tlsboot.sample;

/**
 * The certificate request service cannot listen: its port ({@code sample.request-port}) is taken. Reported at startup
 * by {@link RequestPortInUseFailureAnalyzer}.
 */
public class RequestPortInUseException extends IllegalStateException {

	private final int port;

	/**
	 * @param port the port taken
	 * @param cause why binding failed
	 */
	public RequestPortInUseException(int port, Throwable cause) {
		super("Cannot listen for certificate requests on 127.0.0.1:" + port + ": the port is in use", cause);
		this.port = port;
	}

	/** The port taken. */
	public int getPort() {
		return this.port;
	}

}
