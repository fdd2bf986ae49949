/**
 * The vocabulary every layer shares: {@link dev.tlsboot.core.option.TlsOption} (the option names),
 * {@link dev.tlsboot.core.option.TlsProtocol}, {@link dev.tlsboot.core.option.TlsRole} and
 * {@link dev.tlsboot.core.option.TlsConfigurationException}. It depends on no other TLS Boot package. API.
 */
@NullMarked
package dev.tlsboot.core.option;

import org.jspecify.annotations.NullMarked;
