/**
 * Certificates obtained and renewed from an ACME CA (RFC 8555: Let's Encrypt, a private ACME CA), through acme4j,
 * an optional dependency: {@link dev.tlsboot.core.acme.AcmeCertificateManager} orders, answers the challenge, keeps
 * account, certificate and key in a storage directory, and swaps each new certificate into the context through
 * {@link dev.tlsboot.core.TlsContext#reload()}, the path file rotation takes. API.
 */
@NullMarked
package dev.tlsboot.core.acme;

import org.jspecify.annotations.NullMarked;
