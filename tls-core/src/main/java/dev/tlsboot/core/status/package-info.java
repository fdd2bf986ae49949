/**
 * {@code tls::status} and {@code tls::connection} as records: {@link dev.tlsboot.core.status.TlsStatus},
 * {@link dev.tlsboot.core.status.ConnectionInfo}, {@link dev.tlsboot.core.status.CertificateInfo} and
 * {@link dev.tlsboot.core.status.VerifyResult}. They hold no secret. API.
 */
@NullMarked
package dev.tlsboot.core.status;

import org.jspecify.annotations.NullMarked;
