package dev.tlsboot.core.observe;

/**
 * A library that makes connections on a context in a way TLS Boot cannot observe, and why: its connections are not
 * in the {@link ConnectionRegistry}, which says so instead of showing nothing (see
 * {@link ConnectionRegistry#declareUnobserved}).
 * @param consumer the library's name, as {@link TrackedConnection#consumer()} would show it, e.g. {@code grpc-server}
 * @param reason why its connections are not observed, and what would make them so
 */
public record UnobservedConsumer(String consumer, String reason) {

}
