/**
 * The embedded web servers (Tomcat, Jetty, Reactor Netty) served from {@code tls.server.*}.
 */
@NullMarked
package dev.tlsboot.autoconfigure.server;

import org.jspecify.annotations.NullMarked;
