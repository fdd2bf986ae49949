/**
 * Auto-configuration of the endpoint, the health indicator and the metrics.
 */
@NullMarked
package dev.tlsboot.actuate.autoconfigure;

import org.jspecify.annotations.NullMarked;
