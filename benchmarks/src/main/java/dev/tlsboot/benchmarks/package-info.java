/**
 * The loopback benchmark harness: handshakes, bulk, registry, endpoint, startup and capacity.
 */
@NullMarked
package dev.tlsboot.benchmarks;

import org.jspecify.annotations.NullMarked;
