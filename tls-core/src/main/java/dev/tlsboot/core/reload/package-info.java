/**
 * Rotation without a restart: {@link dev.tlsboot.core.reload.MaterialWatcher} watches the files of a context's
 * material (Kubernetes {@code ..data} swaps included) and reloads it. API.
 */
@NullMarked
package dev.tlsboot.core.reload;

import org.jspecify.annotations.NullMarked;
