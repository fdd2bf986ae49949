/**
 * Minimal web applications the capacity and startup cases run in a fresh JVM.
 */
@NullMarked
package dev.tlsboot.benchmarks.app;

import org.jspecify.annotations.NullMarked;
