package dev.tlsboot.core;

/** Which end of a connection a socket or engine plays. */
public enum TlsRole {

	CLIENT, SERVER

}
