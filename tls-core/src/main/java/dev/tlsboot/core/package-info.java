/**
 * The TclTLS toolbox on JSSE: {@link dev.tlsboot.core.TlsOptions} (the options, by their TclTLS names),
 * {@link dev.tlsboot.core.TlsContext} (the facade: SSLContext, sockets, engines, connect, STARTTLS, reload) and
 * {@link dev.tlsboot.core.TlsSockets} ({@code tls::status} of any socket). API.
 */
@NullMarked
package dev.tlsboot.core;

import org.jspecify.annotations.NullMarked;
