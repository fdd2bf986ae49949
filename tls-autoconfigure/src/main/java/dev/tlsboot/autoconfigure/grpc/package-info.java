/**
 * gRPC on grpc-netty on TLS Boot contexts: the server of {@code spring.grpc.server.ssl.bundle=tls-<name>} and the
 * client channels of {@code spring.grpc.client.channel.<name>.ssl.*} get TLS Boot's Netty contexts.
 */
@NullMarked
package dev.tlsboot.autoconfigure.grpc;

import org.jspecify.annotations.NullMarked;
