/**
 * The HTTP clients Spring Boot builds (RestClient, RestTemplate, WebClient, the JDK HttpClient), secured from
 * {@code tls.client.*}.
 */
@NullMarked
package dev.tlsboot.autoconfigure.client;

import org.jspecify.annotations.NullMarked;
