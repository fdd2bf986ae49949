/**
 * Test certificates for the users' own tests: {@link dev.tlsboot.test.TestCertificates} and the JUnit Jupiter
 * {@link dev.tlsboot.test.TlsCertificatesExtension}. API.
 */
@NullMarked
package dev.tlsboot.test;

import org.jspecify.annotations.NullMarked;
