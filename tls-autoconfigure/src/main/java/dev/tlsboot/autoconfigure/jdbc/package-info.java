/**
 * PostgreSQL through pgjdbc on a TLS Boot context: the {@code tls.*} contexts are registered for the SSL factory a
 * JDBC URL names ({@code sslfactory=dev.tlsboot.core.jdbc.PostgresSslFactory&sslfactoryarg=<name>}).
 */
@NullMarked
package dev.tlsboot.autoconfigure.jdbc;

import org.jspecify.annotations.NullMarked;
