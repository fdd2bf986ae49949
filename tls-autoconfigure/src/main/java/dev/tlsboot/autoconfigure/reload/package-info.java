/**
 * Rotation ({@code tls.reload.*}): the watcher of every file-based context, and the event a reload publishes.
 */
@NullMarked
package dev.tlsboot.autoconfigure.reload;

import org.jspecify.annotations.NullMarked;
