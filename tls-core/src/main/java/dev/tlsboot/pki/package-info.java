/**
 * A certificate authority for development and tests, on Bouncy Castle's bcpkix:
 * {@link dev.tlsboot.pki.CertificateAuthority} issues certificates and signs CSRs;
 * {@link dev.tlsboot.pki.DevelopmentCertificates} keeps a local CA and server certificate. API.
 */
@NullMarked
package dev.tlsboot.pki;

import org.jspecify.annotations.NullMarked;
