/**
 * TclTLS's "Managing Certificates" example on Spring Boot: a CA, a certificate request service and an mTLS API.
 */
@NullMarked
package dev.tlsboot.sample;

import org.jspecify.annotations.NullMarked;
