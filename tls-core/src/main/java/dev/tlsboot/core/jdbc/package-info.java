/**
 * TLS Boot contexts for JDBC drivers, which make their SSL socket factories themselves from a class name in the JDBC
 * URL: {@link dev.tlsboot.core.jdbc.PostgresSslFactory} for pgjdbc, finding its context by name in
 * {@link dev.tlsboot.core.jdbc.JdbcTlsContexts}. No driver is needed to compile or load them. API.
 */
@NullMarked
package dev.tlsboot.core.jdbc;

import org.jspecify.annotations.NullMarked;
