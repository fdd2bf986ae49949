/**
 * Development certificates ({@code tls.dev.*}) offered to the default context.
 */
@NullMarked
package dev.tlsboot.autoconfigure.dev;

import org.jspecify.annotations.NullMarked;
