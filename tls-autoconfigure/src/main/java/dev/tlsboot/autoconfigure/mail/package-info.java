/**
 * Mail through Jakarta Mail on a TLS Boot context: a {@code JavaMailSenderImpl} on
 * {@code spring.mail.ssl.bundle=tls-<name>} gets the context's socket factory named as consumer {@code mail}, with
 * STARTTLS required.
 */
@NullMarked
package dev.tlsboot.autoconfigure.mail;

import org.jspecify.annotations.NullMarked;
