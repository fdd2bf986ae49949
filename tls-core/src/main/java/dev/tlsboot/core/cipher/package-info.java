/**
 * OpenSSL cipher strings and TLS 1.3 suite lists read as OpenSSL 3 reads them, answered with JSSE suite names;
 * {@link dev.tlsboot.core.cipher.CipherSuite} describes one suite. API.
 */
@NullMarked
package dev.tlsboot.core.cipher;

import org.jspecify.annotations.NullMarked;
