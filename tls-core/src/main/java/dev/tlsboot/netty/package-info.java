/**
 * Netty and Reactor Netty {@code SslContext}s from a {@link dev.tlsboot.core.TlsContext}, on the JDK provider or
 * OpenSSL (netty-tcnative), with SNI and the key log. Needs Netty on the classpath. API.
 */
@NullMarked
package dev.tlsboot.netty;

import org.jspecify.annotations.NullMarked;
