/**
 * RabbitMQ through the AMQP client on a TLS Boot context: {@code spring.rabbitmq.ssl.bundle=tls-<name>} connections
 * are made by the context's SSLContext, named as consumer {@code rabbitmq}.
 */
@NullMarked
package dev.tlsboot.autoconfigure.amqp;

import org.jspecify.annotations.NullMarked;
