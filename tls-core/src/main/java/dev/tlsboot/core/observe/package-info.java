/**
 * Every connection a context hands out, observed: the {@link dev.tlsboot.core.observe.ConnectionRegistry} and its
 * {@link dev.tlsboot.core.observe.TrackedConnection} entries, {@link dev.tlsboot.core.observe.HandshakeFailure} (plain-language
 * causes), and {@link dev.tlsboot.core.observe.ConnectionObserver} for engines made outside TLS Boot. API.
 */
@NullMarked
package dev.tlsboot.core.observe;

import org.jspecify.annotations.NullMarked;
