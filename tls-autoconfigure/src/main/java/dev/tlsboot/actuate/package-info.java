/**
 * The {@code tls} Actuator endpoint, the health indicator and the metrics.
 */
@NullMarked
package dev.tlsboot.actuate;

import org.jspecify.annotations.NullMarked;
