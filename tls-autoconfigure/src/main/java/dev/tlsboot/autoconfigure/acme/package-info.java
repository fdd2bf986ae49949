/**
 * Certificates obtained and renewed from an ACME CA ({@code tls.acme.*}) for one context, through the core's
 * {@code dev.tlsboot.core.acme}.
 */
@NullMarked
package dev.tlsboot.autoconfigure.acme;

import org.jspecify.annotations.NullMarked;
