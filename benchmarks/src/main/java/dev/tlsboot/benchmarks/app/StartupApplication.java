package dev.tlsboot.benchmarks.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The smallest Spring Boot application: no web server, no beans of its own, in a package of its own so that
 * component scanning finds nothing else. The startup benchmark refreshes it with and without TLS Boot.
 */
@SpringBootApplication
public class StartupApplication {

}
