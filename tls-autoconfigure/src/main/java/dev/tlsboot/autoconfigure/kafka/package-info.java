/**
 * Kafka's clients on a TLS Boot context: {@code spring.kafka.ssl.bundle=tls-<name>} (or a producer's, consumer's,
 * admin's or Streams' own bundle) makes their SSLEngines on the context, observed as consumer {@code kafka}.
 */
@NullMarked
package dev.tlsboot.autoconfigure.kafka;

import org.jspecify.annotations.NullMarked;
