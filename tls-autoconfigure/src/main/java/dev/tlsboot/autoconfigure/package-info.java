/**
 * Spring Boot auto-configuration of TLS Boot: binds {@code tls.*} to contexts, bridges them into SSL bundles and
 * reports bad configuration at startup.
 */
@NullMarked
package dev.tlsboot.autoconfigure;

import org.jspecify.annotations.NullMarked;
