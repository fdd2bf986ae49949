/**
 * Redis through Lettuce on a TLS Boot context: {@code spring.data.redis.ssl.bundle=tls-<name>} channels get TLS
 * Boot's observed handler.
 */
@NullMarked
package dev.tlsboot.autoconfigure.redis;

import org.jspecify.annotations.NullMarked;
