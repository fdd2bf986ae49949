/**
 * Helpers that several TLS Boot packages and modules share. Not API: anything here may change in any release.
 */
@NullMarked
package dev.tlsboot.core.internal;

import org.jspecify.annotations.NullMarked;
