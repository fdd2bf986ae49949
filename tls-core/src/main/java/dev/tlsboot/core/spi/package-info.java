/**
 * What users plug in, as TclTLS's callbacks: {@link dev.tlsboot.core.spi.PasswordProvider} ({@code -password}),
 * {@link dev.tlsboot.core.spi.TlsValidator} ({@code -validatecommand}) and
 * {@link dev.tlsboot.core.spi.TlsEventListener} ({@code -command}). API.
 */
@NullMarked
package dev.tlsboot.core.spi;

import org.jspecify.annotations.NullMarked;
