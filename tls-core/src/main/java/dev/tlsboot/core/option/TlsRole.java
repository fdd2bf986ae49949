package dev.tlsboot.core.option;

/** Which end of a connection a socket or engine plays; TclTLS's {@code -server} option. */
public enum TlsRole {

	/** The end that connects: it checks the server's certificate and host name. */
	CLIENT,

	/** The end that accepts: it may ask for the client's certificate. */
	SERVER

}
