/**
 * Where keys and trust come from: PEM of every flavour, DER, PKCS#12 and JKS, {@code cafile}, {@code cadir} and
 * {@code castore}, read into {@link dev.tlsboot.core.material.KeyMaterial} and
 * {@link dev.tlsboot.core.material.TlsMaterial}. API.
 */
@NullMarked
package dev.tlsboot.core.material;

import org.jspecify.annotations.NullMarked;
