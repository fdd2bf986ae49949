/**
 * Certificate revocation: {@link dev.tlsboot.core.revocation.RevocationChecker} asks every source a context has
 * ({@code crlfile}, ...) about each certificate of a peer's chain and judges their answers together, so that "revoked"
 * from any source wins; {@link dev.tlsboot.core.revocation.RevocationMode} and
 * {@link dev.tlsboot.core.revocation.RevocationScope} are the values of the {@code revocation} and
 * {@code revocation-scope} options. API.
 */
@NullMarked
package dev.tlsboot.core.revocation;

import org.jspecify.annotations.NullMarked;
